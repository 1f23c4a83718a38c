package org.wisekit.lmbd;

/**
 * The dipole-coupled system is unstable: a screened polarizability matrix is not positive definite, or the MBD
 * coupling matrix has a non-positive eigenvalue (atoms too close for their polarizabilities). The energy is not
 * defined; the message says where it happened.
 */
public final class PolarizationCatastropheException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public PolarizationCatastropheException(String message) {
        super(message);
    }
}
