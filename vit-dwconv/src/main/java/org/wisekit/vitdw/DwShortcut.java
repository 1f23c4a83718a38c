package org.wisekit.vitdw;

import java.util.List;

/**
 * Where depth-wise convolution shortcuts go. The blocks are split into consecutive groups of
 * {@code span} blocks; each group gets one DW module per kernel size, all reading the group's input, and
 * their outputs are added to the group's output: {@code y = Blocks(x) + sum_k DW_k(x)}.
 * <ul>
 *   <li>{@link #perBlock()}: span 1, kernel 3, as in the official code;</li>
 *   <li>{@link #bypass(int)}: one kernel-3 module over {@code n} blocks (variant 1, reconstructed from the
 *       paper's figures: the code has only the per-block module);</li>
 *   <li>{@link #parallel(int...)}: span 1, one module per kernel size (variant 2, reconstructed; the paper
 *       does not state the sizes);</li>
 *   <li>{@link #none()}: the plain ViT.</li>
 * </ul>
 *
 * @param span    blocks bypassed by one group of modules
 * @param kernels odd kernel sizes, one DW module each; empty for the plain ViT
 */
public record DwShortcut(int span, List<Integer> kernels) {

    public DwShortcut {
        if (span < 1) {
            throw new IllegalArgumentException("span must be >= 1, got " + span);
        }
        kernels = List.copyOf(kernels);
        for (int k : kernels) {
            if (k < 1 || k % 2 == 0) {
                throw new IllegalArgumentException("kernel size must be odd and >= 1, got " + k);
            }
        }
    }

    /** No shortcut: the plain ViT. */
    public static DwShortcut none() {
        return new DwShortcut(1, List.of());
    }

    /** The official module: one 3x3 DW module per block. */
    public static DwShortcut perBlock() {
        return new DwShortcut(1, List.of(3));
    }

    /** One 3x3 DW module bypassing {@code n} consecutive blocks. */
    public static DwShortcut bypass(int n) {
        return new DwShortcut(n, List.of(3));
    }

    /** Parallel DW modules with the given kernel sizes on every block. */
    public static DwShortcut parallel(int... kernels) {
        return new DwShortcut(1, java.util.Arrays.stream(kernels).boxed().toList());
    }

    /** Whether any shortcut is present. */
    public boolean enabled() {
        return !kernels.isEmpty();
    }

    /**
     * Trainable DW parameters for a ViT of {@code config}: per module {@code k*k*D} kernel + {@code D} bias
     * + {@code 2D} BatchNorm affine (running statistics are buffers, not counted); {@code 12 D} for k = 3.
     */
    public long parameters(ViTConfig config) {
        checkDepth(config.depth());
        long perGroup = 0;
        for (int k : kernels) {
            perGroup += (long) (k * k + 3) * config.width();
        }
        return perGroup * (config.depth() / span);
    }

    /** Throws unless {@code span} divides {@code depth}. */
    void checkDepth(int depth) {
        if (depth % span != 0) {
            throw new IllegalArgumentException("depth " + depth + " is not divisible by the bypass length " + span);
        }
    }

    /** A short label for reports: "ViT", "DW per block (k=3)", "DW bypass-2 (k=3)", "DW parallel (k=3,5)". */
    public String label() {
        if (!enabled()) {
            return "ViT";
        }
        String ks = "k=" + String.join(",", kernels.stream().map(String::valueOf).toList());
        if (span > 1) {
            return "DW bypass-" + span + " (" + ks + ")";
        }
        return kernels.size() == 1 ? "DW per block (" + ks + ")" : "DW parallel (" + ks + ")";
    }
}
