/** The gRPC transport of the federated runtime: clients dial the server, long-poll for tasks and submit updates. */
package org.wisekit.fedmml.grpc;
