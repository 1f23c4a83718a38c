package org.wisekit.ubp;

/** The sparse W x X kernels, each with its packed format (see {@link SparseMatrix}). */
public enum SparseKernel {
    /** Compressed sparse rows: any mask, one weight at a time (the unstructured baseline). */
    CSR("csr", "CSR"),
    /** Aligned V x 1 blocks (BSR, XNNPACK's NR x 1 spmm): V output rows at a time from V accumulators. */
    ABP("abp", "ABP"),
    /**
     * Unaligned V x 1 blocks with the authors' sliding output window (U-XNNPACK): per output row, shift
     * the V accumulators by one and store the finished row.
     */
    UBP_SLIDING("ubp-sliding", "UBP-sliding"),
    /**
     * Unaligned V x 1 blocks with a ring of V accumulators and weights rotated at pack time, the row
     * loop unrolled by V (WROS, weight-rotating output-stationary; <b>reconstructed</b>): no shifts.
     */
    UBP_WROS("ubp-wros", "UBP-WROS");

    private final String id;
    private final String label;

    SparseKernel(String id, String label) {
        this.id = id;
        this.label = label;
    }

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }
}
