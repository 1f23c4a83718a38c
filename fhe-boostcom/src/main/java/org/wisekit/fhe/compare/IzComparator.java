package org.wisekit.fhe.compare;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.wisekit.fhe.bgv.BgvParameters;
import org.wisekit.fhe.bgv.Ciphertext;
import org.wisekit.fhe.bgv.Evaluator;
import org.wisekit.fhe.bgv.Plaintext;

/**
 * The Iliashenko-Zucca word comparison circuits (univariate form) with BoostCom's switches
 * ({@link BoostComOptions}): compare, min/max, argmin and minimum of an array, and direct sort.
 *
 * <p><b>compare(x, y)</b>, per pair of words, with z = x - y:
 * <ol>
 *   <li><i>extract</i>: the d-1 Frobenius maps z^(p^j) (one key switch each) and z_t = sum_j kappa_(t,j) z^(p^j),
 *       the t-th digit difference of every slot, for t &lt; d';</li>
 *   <li><i>evaluate</i>: LT_t = LT(z_t) and EQ_t = 1 - z_t^(p-1) ({@link LessThanPolynomial}, Paterson-Stockmeyer
 *       on z^2): d' independent evaluations (fewer with compaction);</li>
 *   <li><i>fold</i>, most significant digit first: less += eq LT_t, eq *= EQ_t (depth d'-1);</li>
 *   <li><i>combine</i> across the l slots of a word: prefix products of eq by log2 l masked shifts (fill 1),
 *       a shift by one, res = eq less, then log2 l masked shift-and-adds; the bits land in slot 0 of each
 *       word's batch, and a final mask clears every other slot.</li>
 * </ol>
 *
 * <p>The array circuits take the all-pairs layout of {@link EncryptedArray}. <b>argmin</b>: one comparison of
 * every ordered pair gives [x_j &lt; x_i] and [x_j == x_i]; element i is the first minimum when
 * prod_(j != i) (1 - [x_j &lt; x_i] - [j &lt; i][x_j == x_i]) = 1 (row products by log2(N-1) masked shifts).
 * <b>minimum</b>: sum_i argmin_i x_i. <b>sort</b>: rank_i = sum_(j != i) ([x_j &lt; x_i] + [j &lt; i][x_j == x_i])
 * (row sums), then output k is sum_i L_k(rank_i) x_i with L_k the Lagrange indicator of rank k, a polynomial of
 * degree N-1 (IZ's Hamming-weight equality). Thread-safe: each call builds its own DAG, so calls may overlap.
 */
public final class IzComparator implements AutoCloseable {

    private final ComparisonSetup setup;
    private final BoostComOptions options;
    private final ForkJoinPool pool;
    private final Evaluator evaluator;
    private final WordFormat format;
    private final int l;
    private final int slots;

    IzComparator(ComparisonSetup setup, BoostComOptions options) {
        this.setup = setup;
        this.options = options;
        this.pool = options.rnsParallel() || options.circuitParallel()
                ? new ForkJoinPool(options.threads(), ForkJoinPool.defaultForkJoinWorkerThreadFactory, null, false,
                        0, options.threads(), 1, unused -> true, 30, TimeUnit.SECONDS)
                : null;
        this.evaluator = setup.evaluator().withRnsParallelism(options.rnsParallel() ? pool : null);
        this.format = setup.format();
        this.l = format.slotsPerWord();
        this.slots = setup.parameters().slots().slotCount();
    }

    public BoostComOptions options() {
        return options;
    }

    public ComparisonSetup setup() {
        return setup;
    }

    // ---- public operations ---------------------------------------------------------------------------------

    /** x &lt; y and x == y for every pair of words. */
    public ComparisonResult compare(EncryptedWords x, EncryptedWords y) {
        return Dag.join(compareAsync(x, y));
    }

    /**
     * The comparison as a future. Non-blocking: returns at once and the circuit runs on the pool (or has run, on
     * the calling thread, without one); otherwise the circuit runs with its stage barriers before this returns.
     */
    public CompletableFuture<ComparisonResult> compareAsync(EncryptedWords x, EncryptedWords y) {
        int count = checkPair(x, y);
        Dag dag = dag();
        Bits bits = compare(dag, Dag.of(x.ciphertext()), Dag.of(y.ciphertext()), count, true);
        return bits.done.thenApply(unused -> new ComparisonResult(bits.lt.join(), bits.eq.join(), format, count,
                dag.stages()));
    }

    /** The pairwise minimum: y + (x - y) [x &lt; y]. */
    public EncryptedWords min(EncryptedWords x, EncryptedWords y) {
        return minMax(x, y).min();
    }

    /** The pairwise maximum: x - (x - y) [x &lt; y]. */
    public EncryptedWords max(EncryptedWords x, EncryptedWords y) {
        return minMax(x, y).max();
    }

    /** Minimum and maximum of every pair from one comparison, with that comparison's bits and stages. */
    public MinMax minMax(EncryptedWords x, EncryptedWords y) {
        int count = checkPair(x, y);
        Dag dag = dag();
        CompletableFuture<Ciphertext> cx = Dag.of(x.ciphertext());
        CompletableFuture<Ciphertext> cy = Dag.of(y.ciphertext());
        Bits bits = compare(dag, cx, cy, count, false);
        CompletableFuture<Ciphertext> product = dag.multiply(dag.subtract(cx, cy), spread(dag, bits.lt));
        CompletableFuture<Ciphertext> min = dag.add(cy, product);
        CompletableFuture<Ciphertext> max = dag.subtract(cx, product);
        Dag.join(dag.stage("min/max", min, max));
        return new MinMax(new EncryptedWords(min.join(), format, count), new EncryptedWords(max.join(), format, count),
                new ComparisonResult(bits.lt.join(), bits.eq.join(), format, count, dag.stages()));
    }

    /** Pairwise minima and maxima, and the comparison they came from. */
    public record MinMax(EncryptedWords min, EncryptedWords max, ComparisonResult comparison) {
    }

    /** The one-hot indicator of the first minimum: 1 in slot 0 of word i (N-1) for the winning i. */
    public Ciphertext argmin(EncryptedArray array) {
        return Dag.join(argminAsync(array));
    }

    public CompletableFuture<Ciphertext> argminAsync(EncryptedArray array) {
        return argmin(dag(), array);
    }

    /** The minimum, as one encrypted word. */
    public EncryptedWords minimum(EncryptedArray array) {
        return Dag.join(minimumAsync(array));
    }

    public CompletableFuture<EncryptedWords> minimumAsync(EncryptedArray array) {
        Dag dag = dag();
        CompletableFuture<Ciphertext> isMin = argmin(dag, array);
        int n = array.size();
        CompletableFuture<Ciphertext> picked = dag.multiply(spread(dag, isMin), Dag.of(array.rows().ciphertext()));
        CompletableFuture<Ciphertext> min = dag.multiplyPlain(sumRows(dag, picked, n), firstBatches(1));
        dag.stage("minimum", min);
        return min.thenApply(c -> new EncryptedWords(c, format, 1));
    }

    /** The array sorted ascending, as N encrypted words. */
    public EncryptedWords sort(EncryptedArray array) {
        int n = array.size();
        Dag dag = dag();
        Bits bits = compare(dag, Dag.of(array.columns().ciphertext()), Dag.of(array.rows().ciphertext()),
                n * (n - 1), false);
        CompletableFuture<Ciphertext> rank = dag.add(bits.lt, dag.multiplyPlain(bits.eq, lowerColumns(n)));
        rank = dag.multiplyPlain(reduceRows(dag, rank, n, false), rowHeads(n));
        dag.barrier(dag.stage("rank", rank));
        PatersonStockmeyer<CompletableFuture<Ciphertext>> powers =
                new PatersonStockmeyer<>(dag.algebra(), rank, n - 1, n - 1);
        CompletableFuture<Ciphertext> sorted = null;
        for (int k = 0; k < n; k++) {
            CompletableFuture<Ciphertext> indicator = dag.multiplyPlain(powers.evaluate(lagrange(n, k)), rowHeads(n));
            CompletableFuture<Ciphertext> picked = dag.multiply(spread(dag, indicator),
                    Dag.of(array.rows().ciphertext()));
            CompletableFuture<Ciphertext> word = dag.multiplyPlain(sumRows(dag, picked, n), firstBatches(1));
            if (k > 0) {
                word = dag.shift(word, k * l);
            }
            sorted = sorted == null ? word : dag.add(sorted, word);
        }
        dag.stage("sort", sorted);
        return new EncryptedWords(Dag.join(sorted), format, n);
    }

    /** Warms the mask cache for comparisons of {@code count} words and arrays of {@code arraySizes}. */
    public void prepare(int count, int... arraySizes) {
        for (int r = 1; r < l; r *= 2) {
            within(r);
            notWithin(r);
            spreadMask(r);
        }
        finalMask(count);
        prepareCompaction(count);
        for (int n : arraySizes) {
            finalMask(n * (n - 1));
            prepareCompaction(n * (n - 1));
            lowerColumns(n);
            rowHeads(n);
            firstBatches(1);
            for (int r = 1; r < n - 1; r *= 2) {
                rowValid(n, r);
                setup.complement("rowValid " + n + " " + r, rowValidPredicate(n, r));
            }
        }
    }

    /** The stage log of the last operations is in each {@link ComparisonResult}; this stops the pool. */
    @Override
    public void close() {
        if (pool != null) {
            pool.shutdown();
        }
    }

    // ---- the circuits --------------------------------------------------------------------------------------

    /** The comparison bits and the completion of the circuit's last stage (recorded in the stage log). */
    private record Bits(CompletableFuture<Ciphertext> lt, CompletableFuture<Ciphertext> eq, CompletableFuture<Void> done) {
    }

    private Dag dag() {
        return new Dag(evaluator, options.circuitParallel() ? pool : null, !options.nonBlocking());
    }

    /**
     * The comparison circuit; with {@code settle} (the bits are the result) they are switched down to the lowest
     * level their noise allows, so that the client receives the smallest ciphertexts.
     */
    private Bits compare(Dag dag, CompletableFuture<Ciphertext> x, CompletableFuture<Ciphertext> y, int count,
                         boolean settle) {
        int d = setup.parameters().slots().degree();
        int dPrime = format.digitsPerSlot();
        CompletableFuture<Ciphertext> z = dag.subtract(x, y);

        // 1. digit extraction
        CompletableFuture<Ciphertext>[] frobenius = futures(d);
        frobenius[0] = z;
        for (int j = 1; j < d; j++) {
            frobenius[j] = dag.frobenius(z, j);
        }
        int region = count * l;
        int group = groupSize(count);
        CompletableFuture<Ciphertext>[] digits = futures(dPrime);
        for (int t = 0; t < dPrime; t++) {
            if (d == 1) {
                digits[t] = group > 1 ? dag.multiplyPlain(z, firstSlots(region)) : z;
                continue;
            }
            for (int j = 0; j < d; j++) {
                // compacted: digits exactly zero outside the words in use, so packing needs no mask
                Plaintext kappa = group > 1 ? setup.extraction(t, j, region) : setup.extraction(t, j);
                if (kappa != null) {
                    CompletableFuture<Ciphertext> term = dag.multiplyPlain(frobenius[j], kappa);
                    digits[t] = digits[t] == null ? term : dag.add(digits[t], term);
                }
            }
        }
        dag.barrier(dag.stage("extract", digits));

        // 2. LT and EQ of every digit, compacted into fewer evaluations when the slots allow it
        CompletableFuture<Ciphertext>[] lt = futures(dPrime);
        CompletableFuture<Ciphertext>[] eq = futures(dPrime);
        for (int u = 1; u < group; u++) {
            setup.requireShift(u * region, "compaction of " + count + " words");
            setup.requireShift(-u * region, "compaction of " + count + " words");
        }
        PolyAlgebra<CompletableFuture<Ciphertext>> algebra = dag.algebra();
        for (int t0 = 0; t0 < dPrime; t0 += group) {
            int members = Math.min(group, dPrime - t0);
            CompletableFuture<Ciphertext> packed = digits[t0];
            for (int u = 1; u < members; u++) {
                // exact without a mask: the digits are zero outside [0, region), so the wrapped slots are zeros
                packed = dag.add(packed, dag.shiftUnmasked(digits[t0 + u], u * region));
            }
            LessThanPolynomial.LtEq<CompletableFuture<Ciphertext>> value = setup.polynomial().evaluate(algebra, packed);
            if (members == 1) {
                lt[t0] = value.lt();
                eq[t0] = value.eq();
                continue;
            }
            // Unpack by moving member u's region down to region 0, unmasked: everything after this reads only
            // region 0's words (the fold is slot-wise, the combine shifts stay inside a word, the final mask keeps
            // region 0's word heads), so the other slots may hold garbage, and no mask product adds noise.
            for (int u = 0; u < members; u++) {
                lt[t0 + u] = u == 0 ? value.lt() : dag.shiftUnmasked(value.lt(), -u * region);
                eq[t0 + u] = u == 0 ? value.eq() : dag.shiftUnmasked(value.eq(), -u * region);
            }
        }
        dag.barrier(dag.stage("evaluate", concat(lt, eq)));

        // 3. in-slot fold, most significant digit first
        CompletableFuture<Ciphertext> less = lt[dPrime - 1];
        CompletableFuture<Ciphertext> equal = eq[dPrime - 1];
        for (int t = dPrime - 2; t >= 0; t--) {
            less = dag.add(less, dag.multiply(equal, lt[t]));
            equal = dag.multiply(equal, eq[t]);
        }
        dag.barrier(dag.stage("fold", less, equal));

        // 4. across the l slots of each word
        if (l > 1) {
            for (int r = 1; r < l; r *= 2) {
                equal = dag.multiply(equal, dag.addPlain(dag.shiftMasked(equal, -r, within(r)), notWithin(r)));
            }
            CompletableFuture<Ciphertext> higher = dag.addPlain(dag.shiftMasked(equal, -1, within(1)), notWithin(1));
            CompletableFuture<Ciphertext> result = dag.multiply(higher, less);
            for (int r = 1; r < l; r *= 2) {
                result = dag.add(result, dag.shiftMasked(result, -r, within(r)));
            }
            less = result;
        }
        CompletableFuture<Ciphertext> ltBits = dag.multiplyPlain(less, finalMask(count));
        CompletableFuture<Ciphertext> eqBits = dag.multiplyPlain(equal, finalMask(count));
        if (settle) {
            ltBits = dag.settle(ltBits);
            eqBits = dag.settle(eqBits);
        }
        CompletableFuture<Void> done = dag.stage("combine", ltBits, eqBits);
        dag.barrier(done);
        return new Bits(ltBits, eqBits, done);
    }

    private CompletableFuture<Ciphertext> argmin(Dag dag, EncryptedArray array) {
        checkFormat(array.format());
        int n = array.size();
        Bits bits = compare(dag, Dag.of(array.columns().ciphertext()), Dag.of(array.rows().ciphertext()),
                n * (n - 1), false);
        CompletableFuture<Ciphertext> beaten = dag.add(bits.lt, dag.multiplyPlain(bits.eq, lowerColumns(n)));
        CompletableFuture<Ciphertext> term = dag.addConstant(dag.negate(beaten), 1);
        CompletableFuture<Ciphertext> isMin = dag.multiplyPlain(reduceRows(dag, term, n, true), rowHeads(n));
        dag.barrier(dag.stage("argmin", isMin));
        return isMin;
    }

    /** Row products (fill 1) or sums over the N-1 columns of each row, into column 0: log2(N-1) masked shifts. */
    private CompletableFuture<Ciphertext> reduceRows(Dag dag, CompletableFuture<Ciphertext> x, int n, boolean product) {
        for (int r = 1; r < n - 1; r *= 2) {
            CompletableFuture<Ciphertext> shifted = dag.shiftMasked(x, -l * r, rowValid(n, r));
            x = product
                    ? dag.multiply(x, dag.addPlain(shifted, setup.complement("rowValid " + n + " " + r,
                            rowValidPredicate(n, r))))
                    : dag.add(x, shifted);
        }
        return x;
    }

    /** Sums row i's column 0 into row 0 (the rest must be zero): log2 N shifts by rows. */
    private CompletableFuture<Ciphertext> sumRows(Dag dag, CompletableFuture<Ciphertext> x, int n) {
        for (int r = 1; r < n; r *= 2) {
            x = dag.add(x, dag.shift(x, -(n - 1) * l * r));
        }
        return x;
    }

    /** Copies slot 0 of each batch to all l slots of the batch (the other slots must be zero). */
    private CompletableFuture<Ciphertext> spread(Dag dag, CompletableFuture<Ciphertext> x) {
        for (int r = 1; r < l; r *= 2) {
            x = dag.add(x, dag.shiftMasked(x, r, spreadMask(r)));
        }
        return x;
    }

    /** The coefficients of the Lagrange indicator of k on the points 0 .. n-1, modulo p. */
    private long[] lagrange(int n, int k) {
        long p = setup.parameters().plaintextModulus();
        long[] poly = {1};
        long denominator = 1;
        for (int v = 0; v < n; v++) {
            if (v == k) {
                continue;
            }
            long[] next = new long[poly.length + 1];
            for (int i = 0; i < poly.length; i++) {
                next[i + 1] = (next[i + 1] + poly[i]) % p;
                next[i] = Math.floorMod(next[i] - poly[i] * v, p);
            }
            poly = next;
            denominator = Math.floorMod(denominator * (k - v), p);
        }
        long inverse = java.math.BigInteger.valueOf(denominator).modInverse(java.math.BigInteger.valueOf(p)).longValue();
        for (int i = 0; i < poly.length; i++) {
            poly[i] = poly[i] * inverse % p;
        }
        return poly;
    }

    // ---- masks ---------------------------------------------------------------------------------------------

    /** Slots whose offset s in the batch has s + r &lt; l (a shift by -r stays in the batch). */
    private Plaintext within(int r) {
        return setup.mask("within " + l + " " + r, i -> i % l + r < l);
    }

    private Plaintext notWithin(int r) {
        return setup.complement("within " + l + " " + r, i -> i % l + r < l);
    }

    /** Offsets in [r, 2r): the slots a spread round fills. */
    private Plaintext spreadMask(int r) {
        return setup.mask("spread " + l + " " + r, i -> i % l >= r && i % l < 2 * r);
    }

    /** Slot 0 of the first {@code count} batches. */
    private Plaintext finalMask(int count) {
        return setup.mask("final " + l + " " + count, i -> i % l == 0 && i / l < count);
    }

    /** All slots of the first {@code batches} batches. */
    private Plaintext firstBatches(int batches) {
        return firstSlots(batches * l);
    }

    /** The slots [0, size). */
    private Plaintext firstSlots(int size) {
        return setup.mask("region " + size, i -> i < size);
    }

    /** How many digits one LT evaluation serves for {@code count} words: 1 without compaction or with full slots. */
    private int groupSize(int count) {
        return options.compaction() ? Math.min(format.digitsPerSlot(), slots / (count * l)) : 1;
    }

    /** The compacted extraction's constants (or, for slot degree 1, its mask) for {@code count} words. */
    private void prepareCompaction(int count) {
        if (groupSize(count) < 2) {
            return;
        }
        int d = setup.parameters().slots().degree();
        if (d == 1) {
            firstSlots(count * l);
            return;
        }
        for (int t = 0; t < format.digitsPerSlot(); t++) {
            for (int j = 0; j < d; j++) {
                setup.extraction(t, j, count * l);
            }
        }
    }

    /** Slot 0 of pair (i, c) with column c &lt; i (so j &lt; i). */
    private Plaintext lowerColumns(int n) {
        return setup.mask("lower " + l + " " + n, i -> {
            int batch = i / l;
            return i % l == 0 && batch < n * (n - 1) && batch % (n - 1) < batch / (n - 1);
        });
    }

    /** Slot 0 of pair (i, 0) for every row i. */
    private Plaintext rowHeads(int n) {
        return setup.mask("heads " + l + " " + n, i -> i % l == 0 && i / l < n * (n - 1) && (i / l) % (n - 1) == 0);
    }

    private Plaintext rowValid(int n, int r) {
        return setup.mask("rowValid " + n + " " + r, rowValidPredicate(n, r));
    }

    /** Slot 0 of pair (i, c) with c + r &lt; N - 1 (a row shift by r stays in the row). */
    private java.util.function.IntPredicate rowValidPredicate(int n, int r) {
        return i -> i % l == 0 && i / l < n * (n - 1) && (i / l) % (n - 1) + r < n - 1;
    }

    // ---- checks --------------------------------------------------------------------------------------------

    private int checkPair(EncryptedWords x, EncryptedWords y) {
        checkFormat(x.format());
        checkFormat(y.format());
        if (x.count() != y.count()) {
            throw new IllegalArgumentException("both operands must hold the same number of words, got " + x.count()
                    + " and " + y.count());
        }
        BgvParameters parameters = setup.parameters();
        if (!x.ciphertext().parameters().equals(parameters) || !y.ciphertext().parameters().equals(parameters)) {
            throw new IllegalArgumentException("ciphertexts belong to other parameters than this comparator's ("
                    + parameters.describe() + ")");
        }
        if (x.ciphertext().keyId() != y.ciphertext().keyId()) {
            throw new IllegalArgumentException("ciphertexts are under different keys: "
                    + Long.toHexString(x.ciphertext().keyId()) + " and " + Long.toHexString(y.ciphertext().keyId()));
        }
        return x.count();
    }

    private void checkFormat(WordFormat other) {
        if (!other.equals(format)) {
            throw new IllegalArgumentException("words are in format " + other + ", this comparator is for " + format);
        }
    }

    @SuppressWarnings("unchecked")
    private static CompletableFuture<Ciphertext>[] futures(int n) {
        return new CompletableFuture[n];
    }

    private static CompletableFuture<Ciphertext>[] concat(CompletableFuture<Ciphertext>[] a,
                                                          CompletableFuture<Ciphertext>[] b) {
        CompletableFuture<Ciphertext>[] all = futures(a.length + b.length);
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
