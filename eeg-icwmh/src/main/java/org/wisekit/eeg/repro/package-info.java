/** The reproduction {@code eeg-icwmh/preprocessing} (needs wisekit-harness, wisekit-datasets and DL4J). */
package org.wisekit.eeg.repro;
