/** The {@code wisekit eeg} tool (needs wisekit-harness, picocli, wisekit-datasets and DL4J). */
package org.wisekit.eeg.cli;
