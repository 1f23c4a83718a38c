package org.wisekit.fhe.bgv;

/** Serialized BGV data that cannot be read: wrong kind, other parameters, truncated or corrupted. */
public final class BgvFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public BgvFormatException(String message) {
        super(message);
    }
}
