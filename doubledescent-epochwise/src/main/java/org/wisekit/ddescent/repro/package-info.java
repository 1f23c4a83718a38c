/** The {@code doubledescent-epochwise/conditions} reproduction (needs wisekit-harness). */
package org.wisekit.ddescent.repro;
