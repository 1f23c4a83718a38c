/**
 * The reproduction {@code fhe-boostcom/compare} ({@link org.wisekit.fhe.repro.CompareReproduction}): exactness of
 * the comparison circuits and the BoostCom ablation ladder. Needs wisekit-harness (an optional dependency of this
 * artifact); not API.
 */
package org.wisekit.fhe.repro;
