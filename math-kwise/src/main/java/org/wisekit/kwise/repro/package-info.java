/**
 * The reproduction {@code math-kwise/closed-forms} ({@link org.wisekit.kwise.repro.ClosedFormsReproduction}):
 * checks the closed forms, their ranges and the certificates against the exact LP and the oracles. Needs
 * wisekit-harness (an optional dependency of this artifact); not API.
 */
package org.wisekit.kwise.repro;
