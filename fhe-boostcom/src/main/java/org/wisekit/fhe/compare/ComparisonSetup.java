package org.wisekit.fhe.compare;

import java.math.BigInteger;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntPredicate;
import org.wisekit.fhe.bgv.BgvParameters;
import org.wisekit.fhe.bgv.Encoder;
import org.wisekit.fhe.bgv.EvaluationKeys;
import org.wisekit.fhe.bgv.Evaluator;
import org.wisekit.fhe.bgv.GaloisElements;
import org.wisekit.fhe.bgv.Plaintext;
import org.wisekit.fhe.slots.SlotField;
import org.wisekit.fhe.slots.SlotVector;

/**
 * What every comparator for one key and one word format shares: the evaluator (and its operation counters),
 * the LT polynomial, the digit-extraction constants, and the 0/1 slot masks, built once and cached. Create
 * comparators with {@link #comparator}; they may differ in their {@link BoostComOptions}. Thread-safe.
 */
public final class ComparisonSetup {

    private final BgvParameters parameters;
    private final Evaluator evaluator;
    private final Encoder encoder;
    private final WordFormat format;
    private final LessThanPolynomial polynomial;
    private final Plaintext[][] extraction;
    private final EvaluationKeys keys;
    private final ConcurrentHashMap<String, Plaintext> masks = new ConcurrentHashMap<>();

    public ComparisonSetup(BgvParameters parameters, EvaluationKeys keys, WordFormat format) {
        format.checkFits(parameters);
        this.parameters = parameters;
        this.evaluator = new Evaluator(parameters, keys);
        this.keys = keys;
        this.encoder = new Encoder(parameters);
        this.format = format;
        this.polynomial = new LessThanPolynomial(parameters.plaintextModulus());
        this.extraction = extractionPlaintexts();
    }

    /** A comparator with these switches; close it to stop its thread pool. */
    public IzComparator comparator(BoostComOptions options) {
        return new IzComparator(this, options);
    }

    public BgvParameters parameters() {
        return parameters;
    }

    public WordFormat format() {
        return format;
    }

    public LessThanPolynomial polynomial() {
        return polynomial;
    }

    /** The shared evaluator (single-thread form); its counters count every comparator's operations. */
    public Evaluator evaluator() {
        return evaluator;
    }

    /** kappa_(t, j) replicated over all slots: digit t = sum_j kappa_(t, j) z^(p^j); null where kappa = 0. */
    Plaintext extraction(int t, int j) {
        return extraction[t][j];
    }

    /**
     * kappa_(t, j) in slots [0, kept) and 0 elsewhere (cached): the extracted digits are then exactly zero outside
     * the words in use whatever the input holds there, with no mask product (the constant is multiplied anyway).
     */
    Plaintext extraction(int t, int j, int kept) {
        if (kept >= encoder.slotCount() || extraction[t][j] == null) {
            return extraction[t][j];
        }
        return masks.computeIfAbsent("extract " + t + " " + j + " " + kept, unused -> {
            SlotField field = encoder.field();
            long[][][] kappa = extractionConstants(field);
            long[][] slots = new long[encoder.slotCount()][];
            java.util.Arrays.fill(slots, 0, kept, kappa[t][j]);
            java.util.Arrays.fill(slots, kept, slots.length, new long[field.degree()]);
            return encoder.encode(SlotVector.of(field, slots));
        });
    }

    /**
     * The extraction constants: with M[j][i] = Y^(i p^j) (the Frobenius images of the basis of F_(p^d)),
     * z^(p^j) = sum_i a_i M[j][i], so kappa = M^-1 gives a_t = sum_j kappa[t][j] z^(p^j). They use the
     * encoder's own R(Y) and zeta (pitfall 6), through {@link SlotField}.
     */
    static long[][][] extractionConstants(SlotField field) {
        int d = field.degree();
        long[][][] m = new long[d][d][];
        for (int j = 0; j < d; j++) {
            for (int i = 0; i < d; i++) {
                m[j][i] = field.frobenius(field.basis(i), j);
            }
        }
        return invert(field, m);
    }

    private Plaintext[][] extractionPlaintexts() {
        SlotField field = encoder.field();
        int d = field.degree();
        long[][][] kappa = extractionConstants(field);
        Plaintext[][] result = new Plaintext[format.digitsPerSlot()][d];
        for (int t = 0; t < format.digitsPerSlot(); t++) {
            for (int j = 0; j < d; j++) {
                if (!isZero(kappa[t][j])) {
                    long[][] slots = new long[encoder.slotCount()][];
                    java.util.Arrays.fill(slots, kappa[t][j]);
                    result[t][j] = encoder.encode(SlotVector.of(field, slots));
                }
            }
        }
        return result;
    }

    /** Throws, saying what to do, unless the keys hold the automorphism for a shift by s. */
    void requireShift(int s, String purpose) {
        long element = GaloisElements.shift(parameters, s);
        if (keys.automorphism(parameters.cyclotomic().unit(element)).isEmpty()) {
            throw new IllegalArgumentException(purpose + " needs the key for a shift by " + s + ", which the "
                    + "evaluation keys lack; generate them with ComparisonSetup.galoisElements listing that word count");
        }
    }

    /** The 0/1 mask with 1 where {@code keep} holds, cached under {@code name}. */
    Plaintext mask(String name, IntPredicate keep) {
        return masks.computeIfAbsent(name, unused -> {
            long[] values = new long[encoder.slotCount()];
            for (int i = 0; i < values.length; i++) {
                values[i] = keep.test(i) ? 1 : 0;
            }
            return encoder.encodeIntegers(values);
        });
    }

    /** 1 minus a cached mask. */
    Plaintext complement(String name, IntPredicate keep) {
        return mask("not " + name, keep.negate());
    }

    /**
     * The automorphisms that comparisons of {@code wordCounts} words, min/max, and the array circuits for
     * {@code arraySizes} need: the Frobenius maps, the in-batch shifts by -2^r and +2^r, the compaction shifts
     * by +-u R, and the row shifts of the array layout.
     */
    public static Set<Long> galoisElements(BgvParameters parameters, WordFormat format, int[] wordCounts,
                                           int[] arraySizes) {
        int l = format.slotsPerWord();
        Set<Long> elements = new TreeSet<>();
        for (int j = 1; j < parameters.slots().degree(); j++) {
            elements.add(GaloisElements.frobenius(parameters, j));
        }
        for (int r = 1; r < l; r *= 2) {
            elements.add(GaloisElements.shift(parameters, -r));
            elements.add(GaloisElements.shift(parameters, r));
        }
        int[] counts = java.util.stream.IntStream.concat(java.util.Arrays.stream(wordCounts),
                java.util.Arrays.stream(arraySizes).map(n -> n * (n - 1))).toArray();
        for (int count : counts) {
            int region = count * l;
            int groups = Math.min(format.digitsPerSlot(), parameters.slots().slotCount() / region);
            for (int u = 1; u < groups; u++) {
                elements.add(GaloisElements.shift(parameters, u * region));
                elements.add(GaloisElements.shift(parameters, -u * region));
            }
        }
        for (int n : arraySizes) {
            for (int r = 1; r < n - 1; r *= 2) {
                elements.add(GaloisElements.shift(parameters, -l * r));
            }
            for (int r = 1; r < n; r *= 2) {
                elements.add(GaloisElements.shift(parameters, -(n - 1) * l * r));
            }
            for (int k = 1; k < n; k++) {
                elements.add(GaloisElements.shift(parameters, k * l));
            }
        }
        return elements;
    }

    private static boolean isZero(long[] x) {
        for (long c : x) {
            if (c != 0) {
                return false;
            }
        }
        return true;
    }

    /** Gauss-Jordan inversion of a square matrix over F_(p^d). */
    private static long[][][] invert(SlotField field, long[][][] matrix) {
        int n = matrix.length;
        long[][][] a = new long[n][2 * n][];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                a[r][c] = matrix[r][c].clone();
                a[r][n + c] = field.constant(r == c ? 1 : 0);
            }
        }
        BigInteger order = BigInteger.valueOf(field.characteristic()).pow(field.degree());
        for (int col = 0; col < n; col++) {
            int pivot = col;
            while (pivot < n && isZero(a[pivot][col])) {
                pivot++;
            }
            if (pivot == n) {
                throw new IllegalStateException("the Frobenius matrix is singular");
            }
            long[][] swap = a[pivot];
            a[pivot] = a[col];
            a[col] = swap;
            long[] inverse = field.pow(a[col][col], order.subtract(BigInteger.TWO));
            for (int c = 0; c < 2 * n; c++) {
                a[col][c] = field.multiply(a[col][c], inverse);
            }
            for (int r = 0; r < n; r++) {
                if (r != col && !isZero(a[r][col])) {
                    long[] factor = a[r][col];
                    for (int c = 0; c < 2 * n; c++) {
                        a[r][c] = field.subtract(a[r][c], field.multiply(factor, a[col][c]));
                    }
                }
            }
        }
        long[][][] inverse = new long[n][n][];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                inverse[r][c] = a[r][n + c];
            }
        }
        return inverse;
    }
}
