/** The {@code distill-dfmsd/hetero} reproduction (needs wisekit-harness and the DL4J natives). */
package org.wisekit.dfmsd.repro;
