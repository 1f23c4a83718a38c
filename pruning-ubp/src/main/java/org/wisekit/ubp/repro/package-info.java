/**
 * The module's reproductions ({@code pruning-ubp/selection}, {@code pruning-ubp/accuracy},
 * {@code pruning-ubp/kernel}) and the experiment code only they use. Not API; needs the harness, the
 * datasets and DL4J (all optional dependencies of this module).
 */
package org.wisekit.ubp.repro;
