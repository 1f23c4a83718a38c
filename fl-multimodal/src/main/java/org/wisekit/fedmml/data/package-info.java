/** Audio-visual digits: FSDD clips (log-mel) paired with MNIST images of the same digit; IID and Dirichlet splits. */
package org.wisekit.fedmml.data;
