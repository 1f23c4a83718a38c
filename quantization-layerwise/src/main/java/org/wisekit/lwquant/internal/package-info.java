/**
 * Implementation details shared by this module's packages (vector helpers, tensor-map replacement). Not API: may change in any release.
 */
package org.wisekit.lwquant.internal;
