package org.wisekit.lutmm.baseline;

/**
 * The name and shape (D inputs, M outputs) that every {@link ApproxMatmul} of this package reports; a
 * subclass writes only {@link #multiply(float[], int, float[])}.
 */
public abstract class AbstractApproxMatmul implements ApproxMatmul {

    /** D, the length of a row of A. */
    protected final int inputs;
    /** M, the length of a row of the product. */
    protected final int outputs;
    private final String name;

    /**
     * @param name    the short name for tables and plots
     * @param inputs  D
     * @param outputs M
     */
    protected AbstractApproxMatmul(String name, int inputs, int outputs) {
        this.name = name;
        this.inputs = inputs;
        this.outputs = outputs;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final int inputs() {
        return inputs;
    }

    @Override
    public final int outputs() {
        return outputs;
    }
}
