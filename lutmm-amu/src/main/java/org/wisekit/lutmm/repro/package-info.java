/**
 * The reproduction {@code lutmm-amu/pareto} and the image-patch helpers only it uses. Not API; needs the
 * harness, the datasets and DL4J (optional dependencies of this module).
 */
package org.wisekit.lutmm.repro;
