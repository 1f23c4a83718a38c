package org.wisekit.eeg.io;

/**
 * A file that does not follow its format (EDF, EDF+, ARFF). The message starts with the file's name (or the name
 * given for a stream) and says what is wrong and where (byte offset, record, signal or line). It is an
 * {@link IllegalArgumentException}: bad input, as everywhere in wisekit.
 */
public final class EegFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** The file's name, as given to the reader. */
    private final String source;

    /**
     * Creates the exception.
     *
     * @param source the file's name (or the name given for a stream)
     * @param detail what is wrong and where
     */
    public EegFormatException(String source, String detail) {
        super(source + ": " + detail);
        this.source = source;
    }

    /**
     * The file's name, as given to the reader.
     *
     * @return the name
     */
    public String source() {
        return source;
    }
}
