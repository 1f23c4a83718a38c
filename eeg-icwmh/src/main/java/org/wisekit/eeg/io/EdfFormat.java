package org.wisekit.eeg.io;

/** The three flavours of European Data Format file, told apart by the header's reserved field. */
public enum EdfFormat {
    /** Plain EDF (1992): reserved field blank, no annotation signal. */
    EDF(""),
    /** EDF+ continuous: reserved field {@code EDF+C}; records follow each other without gaps. */
    EDF_PLUS_C("EDF+C"),
    /** EDF+ discontinuous: reserved field {@code EDF+D}; each record's start time comes from its time-keeping TAL. */
    EDF_PLUS_D("EDF+D");

    private final String reserved;

    EdfFormat(String reserved) {
        this.reserved = reserved;
    }

    /**
     * What the header's 44-byte reserved field starts with.
     *
     * @return {@code ""}, {@code "EDF+C"} or {@code "EDF+D"}
     */
    public String reservedField() {
        return reserved;
    }

    /**
     * Whether this is an EDF+ flavour (with an {@code EDF Annotations} signal).
     *
     * @return true for {@link #EDF_PLUS_C} and {@link #EDF_PLUS_D}
     */
    public boolean isPlus() {
        return this != EDF;
    }
}
