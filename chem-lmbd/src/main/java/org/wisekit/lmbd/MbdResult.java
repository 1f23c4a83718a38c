package org.wisekit.lmbd;

/**
 * An MBD@rsSCS result.
 *
 * @param energy   the MBD energy in hartree
 * @param screened the screened parameters: alpha0^SCS, C6^SCS and R^SCS per atom
 */
public record MbdResult(double energy, AtomicParameters screened) {
}
