/** The {@code wisekit dfmsd} tool (needs wisekit-harness and picocli). */
package org.wisekit.dfmsd.cli;
