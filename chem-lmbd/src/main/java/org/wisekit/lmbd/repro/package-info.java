/** The reproduction {@code chem-lmbd/scaling} (needs the optional wisekit-harness and wisekit-datasets). */
package org.wisekit.lmbd.repro;
