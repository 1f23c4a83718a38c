package org.wisekit.fhe.bgv;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import org.wisekit.fhe.ring.DoubleCrt;
import org.wisekit.fhe.ring.Modulus;

/**
 * Homomorphic operations on BGV ciphertexts. Every operation comes in two forms (lattigo's op / opNew): one
 * returns a new {@link Ciphertext} and leaves its inputs alone, the other overwrites a
 * {@link MutableCiphertext} target, e.g. {@code add(Ciphertext, Ciphertext)} and
 * {@code add(MutableCiphertext, Ciphertext)}.
 *
 * <p><b>Levels.</b> Binary operations first switch the operand at the higher level down to the lower one.
 * Nothing rescales automatically in the basic operations: {@link #modSwitch} divides by the top prime and
 * {@link #modSwitchTo} by any number of top primes in one exact division (one basis conversion, see
 * {@link KeySwitching}); {@link #multiplyRelinSwitch} relinearizes and switches down in the key switch's own
 * division by P.
 *
 * <p><b>Noise-driven level policy</b> (HElib's: switch down before a product to where the noise is as small as
 * useful, never further). {@link #productLevel} picks the level at which two operands are multiplied by the noise
 * model's estimate (the level whose product has the best estimated budget, the lowest of those within a quarter
 * bit), {@link #lowerTo} brings an operand there (a modulus switch when that lowers its noise, otherwise dropping
 * primes), and {@link #multiplySettled} relinearizes the product and switches it, in the same division, down to
 * the lowest level at which its noise still exceeds the switching floor and the key-switching noise (none when
 * the product's noise does not fill a prime). {@link #multiplyNoiseDriven} is the three together; the comparison
 * circuits use them through their task DAG. The estimate decides, so the secret key is never needed;
 * {@link Decryptor#noiseBudget} measures the result.
 *
 * <p><b>Scalar factors.</b> Primes need not be 1 mod p, so a modulus switch multiplies the message by q^-1 mod p;
 * each ciphertext records the product of such factors as its {@linkplain Ciphertext#scalarFactor() scalar
 * factor} f (it decrypts to f m). Products multiply factors; key switching, automorphisms, plaintext and constant
 * products leave them; plaintext and constant additions add f b; additions and subtractions of ciphertexts with
 * different factors first multiply the operands by small integers e_x, e_y with e_x f_x = e_y f_y (mod p), chosen
 * as HElib does to add the least noise (the estimate grows by log2 |e| bits per scaled operand).
 *
 * <p><b>Noise.</b> Each result carries the noise model's estimate; an operation whose result would have a
 * negative estimated budget throws {@link NoiseBudgetExhaustedException} instead of returning a ciphertext
 * that might not decrypt. {@link OperationCounters} records multiplications, key switches and transforms.
 *
 * <p><b>Slots</b> (prime m): {@link #shift} moves slot i to i + s with zero fill (one automorphism g^-s and one
 * mask, because prime m is a bad dimension), {@link #rotate} is cyclic (two automorphisms, two masks), and
 * {@link #frobenius} raises every slot to p^j (one automorphism, no mask). The keys come from
 * {@link GaloisElements}.
 *
 * <p>Thread-safe: evaluators hold no per-operation state (masks are cached in a concurrent map), so one
 * evaluator may serve many threads as long as each {@link MutableCiphertext} stays with one thread.
 * {@link #withRnsParallelism} gives an evaluator whose key and modulus switches split their per-prime and
 * per-digit work over a fork-join pool (bit-identical results).
 */
public final class Evaluator {

    private final BgvParameters parameters;
    private final EvaluationKeys keys;
    private final OperationCounters counters;
    private final ConcurrentHashMap<Long, Plaintext> masks;
    private final ForkJoinPool rnsPool;
    /** The key-switching key terms' log2 variance per level ({@link NoiseModel#keySwitchKeyTerms}). */
    private final double[] keySwitchTerms;

    /** An evaluator with relinearization and automorphism keys. */
    public Evaluator(BgvParameters parameters, EvaluationKeys keys) {
        if (!keys.parameters().equals(parameters)) {
            throw new IllegalArgumentException("evaluation keys belong to other parameters: "
                    + keys.parameters().describe());
        }
        this.parameters = parameters;
        this.keys = keys;
        this.counters = new OperationCounters();
        this.masks = new ConcurrentHashMap<>();
        this.rnsPool = null;
        this.keySwitchTerms = keySwitchTerms(parameters);
    }

    /** An evaluator without keys: linear operations, plaintext products and modulus switching only. */
    public Evaluator(BgvParameters parameters) {
        this.parameters = parameters;
        this.keys = null;
        this.counters = new OperationCounters();
        this.masks = new ConcurrentHashMap<>();
        this.rnsPool = null;
        this.keySwitchTerms = keySwitchTerms(parameters);
    }

    private static double[] keySwitchTerms(BgvParameters parameters) {
        double[] terms = new double[parameters.maxLevel() + 1];
        for (int level = 0; level < terms.length; level++) {
            terms[level] = NoiseModel.keySwitchKeyTerms(parameters, level);
        }
        return terms;
    }

    private Evaluator(Evaluator base, ForkJoinPool rnsPool) {
        this.parameters = base.parameters;
        this.keys = base.keys;
        this.counters = base.counters;
        this.masks = base.masks;
        this.rnsPool = rnsPool;
        this.keySwitchTerms = base.keySwitchTerms;
    }

    /**
     * The same evaluator (keys, counters, mask cache) with RNS-level parallelism: key switches and modulus
     * switches run their per-prime and per-digit steps as tasks on {@code pool}; null gives the one-thread form.
     */
    public Evaluator withRnsParallelism(ForkJoinPool pool) {
        return new Evaluator(this, pool);
    }

    /** The pool of RNS-level tasks, or null when every operation runs on the calling thread. */
    public ForkJoinPool rnsPool() {
        return rnsPool;
    }

    public BgvParameters parameters() {
        return parameters;
    }

    public OperationCounters counters() {
        return counters;
    }

    // ---- allocating forms ------------------------------------------------------------------------------------

    public Ciphertext add(Ciphertext a, Ciphertext b) {
        return done(addInto(own(a), data(b), false), "add");
    }

    public Ciphertext subtract(Ciphertext a, Ciphertext b) {
        return done(addInto(own(a), data(b), true), "subtract");
    }

    public Ciphertext negate(Ciphertext a) {
        CiphertextData x = own(a);
        negateInto(x);
        return done(x, "negate");
    }

    public Ciphertext addPlain(Ciphertext a, Plaintext b) {
        CiphertextData x = own(a);
        addPlainInto(x, b);
        return done(x, "addPlain");
    }

    public Ciphertext multiplyPlain(Ciphertext a, Plaintext b) {
        CiphertextData x = own(a);
        multiplyPlainInto(x, b);
        return done(x, "multiplyPlain");
    }

    /** a times the integer constant c (mod p), without a plaintext: one scalar product per residue. */
    public Ciphertext multiplyConstant(Ciphertext a, long c) {
        CiphertextData x = own(a);
        long centred = centred(c);
        for (DoubleCrt part : x.parts) {
            part.multiplyScalar(centred);
        }
        x.setNoise(NoiseModel.multiplyConstant(parameters, x.noise(), centred));
        counters.addPlaintextMultiplication();
        return done(x, "multiplyConstant");
    }

    /**
     * a times the integer constant c (mod p) with the scalar factor folded in: the parts are multiplied by
     * c f^-1 (mod p, centred; f the scalar factor) and the result has factor 1, so that sums of such terms (the
     * linear combinations of Paterson-Stockmeyer) need no harmonizing scalars. The noise grows by that constant
     * instead of c (the same size on average for coefficients that are random modulo p).
     */
    public Ciphertext multiplyConstantUnitFactor(Ciphertext a, long c) {
        CiphertextData x = own(a);
        long p = parameters.plaintextModulus();
        long centred = centred(Math.floorMod(c, p) * inverseModP(x.factor) % p);
        for (DoubleCrt part : x.parts) {
            part.multiplyScalar(centred);
        }
        counters.addPlaintextMultiplication();
        CiphertextData result = x.with(1, NoiseModel.multiplyConstant(parameters, x.noise(), centred));
        return done(result, "multiplyConstant");
    }

    /**
     * a plus the integer constant c (mod p) in every slot: f c (f the scalar factor, so that the sum decrypts to
     * f (m + c)) is added to every evaluation of c_0.
     */
    public Ciphertext addConstant(Ciphertext a, long c) {
        CiphertextData x = own(a);
        DoubleCrt c0 = x.parts[0];
        long centred = centred(Math.floorMod(c, parameters.plaintextModulus()) * x.factor);
        DoubleCrt constant = DoubleCrt.zero(parameters.ring(), c0.primes());
        for (int i = 0; i < constant.primeCount(); i++) {
            long residue = parameters.ring().modulus(c0.primes()[i]).reduce(centred);
            java.util.Arrays.fill(constant.row(i), residue);
        }
        c0.add(constant);
        x.setNoise(NoiseModel.addPlain(parameters, x.noise()));
        counters.addAddition();
        return done(x, "addConstant");
    }

    private long centred(long c) {
        long p = parameters.plaintextModulus();
        long r = Math.floorMod(c, p);
        return r > p / 2 ? r - p : r;
    }

    /** The product without relinearization: three parts, decrypting under (1, s, s^2). */
    public Ciphertext multiply(Ciphertext a, Ciphertext b) {
        return done(tensor(data(a), data(b)), "multiply");
    }

    public Ciphertext relinearize(Ciphertext a) {
        return done(relinearized(data(a)), "relinearize");
    }

    /** The product, relinearized: one tensor and one key switch. */
    public Ciphertext multiplyRelin(Ciphertext a, Ciphertext b) {
        return done(relinearized(tensor(data(a), data(b))), "multiplyRelin");
    }

    /** Divides by the top prime: one level down, noise divided by about q_level. */
    public Ciphertext modSwitch(Ciphertext a) {
        return done(switchedTo(data(a), a.level() - 1), "modSwitch");
    }

    public Ciphertext modSwitchTo(Ciphertext a, int level) {
        return done(switchedTo(data(a), level), "modSwitchTo");
    }

    /**
     * The same ciphertext modulo q_0 .. q_level only, without rescaling: the noise stays as it is and the budget
     * drops by the removed primes' bits. No transforms, so it is the cheap way to align a higher operand when its
     * noise is already at the modulus-switching floor (as after {@link #modSwitch}); {@link #modSwitchTo} also
     * divides the noise.
     */
    public Ciphertext dropToLevel(Ciphertext a, int level) {
        CiphertextData x = data(a);
        if (level < 0 || level > x.level) {
            throw new IllegalArgumentException("can only drop to a level in [0, " + x.level + "], got " + level);
        }
        DoubleCrt[] parts = new DoubleCrt[x.size()];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = x.parts[i].restrictTo(parameters.primesAt(level));
        }
        return done(new CiphertextData(parameters, x.keyId, level, parts, x.factor, x.noise()), "dropToLevel");
    }

    /**
     * The product relinearized and switched down to {@code level} in one division by P Q_D (Q_D = the primes above
     * {@code level}): the key switch's division by P and the modulus switch share one rounding and one basis
     * conversion, so each part costs K + |D| inverse and level+1 forward transforms instead of K + (l+1) and then
     * |D| + (level+1). Decrypts like {@code modSwitchTo(multiplyRelin(a, b), level)}, with noise no larger (the
     * key-switching noise is divided by Q_D as well). {@code level} equal to the operands' level is
     * {@link #multiplyRelin}.
     */
    public Ciphertext multiplyRelinSwitch(Ciphertext a, Ciphertext b, int level) {
        return done(relinearizedAndSwitched(tensor(data(a), data(b)), level), "multiplyRelinSwitch");
    }

    /** A three-part ciphertext relinearized and switched to {@code level} with one division by P Q_D. */
    public Ciphertext relinearizeSwitch(Ciphertext a, int level) {
        return done(relinearizedAndSwitched(data(a), level), "relinearizeSwitch");
    }

    // ---- the noise-driven level policy -----------------------------------------------------------------------

    /** A modulus switch on the way down is done only if it lowers the estimated noise bound by this much. */
    static final double RESCALE_GAIN_BITS = 0.5;
    /** {@link #productLevel} takes the lowest level whose estimated budget is this close to the best one. */
    static final double LEVEL_TOLERANCE_BITS = 0.25;

    /**
     * The lowest level to which a modulus switch still divides a's noise: the noise model's noise, divided by the
     * dropped primes, stays at least the rounding a switch adds ({@link NoiseModel#rescaleFloor}, HElib's
     * modulus-switching added noise). Below it a switch only drops modulus (its budget goes down with the level).
     */
    public int naturalLevel(Ciphertext a) {
        CiphertextData x = data(a);
        return lowestLevelAbove(x.log2Variance, x.level, false);
    }

    /**
     * a at {@code level}: by one modulus switch when that lowers its estimated noise bound by at least
     * {@value #RESCALE_GAIN_BITS} bits, else by dropping primes (no transforms; the noise is at the floor). The
     * same rule as {@link #productLevel} assumes.
     */
    public Ciphertext lowerTo(Ciphertext a, int level) {
        CiphertextData x = data(a);
        if (level >= x.level) {
            return a;
        }
        return rescaleHelps(x.log2Variance, x.level, level) ? modSwitchTo(a, level) : dropToLevel(a, level);
    }

    /**
     * The level at which to multiply a and b: of the levels up to the lower operand's, the one whose product (both
     * operands {@linkplain #lowerTo lowered} to it, relinearized and {@linkplain #multiplyNoiseDriven settled})
     * has the largest estimated noise budget, and of those within {@value #LEVEL_TOLERANCE_BITS} bits of it the
     * lowest (cheaper, same budget). Going down pays while an operand's noise is above the switching floor (the
     * product's noise falls by as many bits as the modulus), and costs budget below it, so this drops exactly
     * the primes the noise allows.
     */
    public int productLevel(Ciphertext a, Ciphertext b) {
        CiphertextData x = data(a);
        CiphertextData y = data(b);
        boolean same = a == b || x == y;
        int top = Math.min(x.level, y.level);
        double best = Double.NEGATIVE_INFINITY;
        double[] budgets = new double[top + 1];
        for (int k = top; k >= 0; k--) {
            NoiseModel.Estimate ex = lowered(x.noise(), x.level, k);
            NoiseModel.Estimate ey = same ? ex : lowered(y.noise(), y.level, k);
            budgets[k] = settledBudget(NoiseModel.product(parameters, ex, ey), k);
            best = Math.max(best, budgets[k]);
        }
        for (int k = 0; k <= top; k++) {
            if (budgets[k] >= best - LEVEL_TOLERANCE_BITS) {
                return k;
            }
        }
        return top;
    }

    /**
     * The level to which a freshly relinearized product at {@code level} with noise estimate e is switched: the
     * lowest at which its noise stays above both the switching floor and the noise a key switch there adds, so
     * that neither a later product nor a later automorphism pays for the switch (HElib switches before the next
     * product instead; doing it here lets it share the relinearization's division, see
     * {@link #multiplyRelinSwitch}).
     */
    int settleLevel(NoiseModel.Estimate product, int level) {
        return lowestLevelAbove(NoiseModel.add(product.log2Variance(), keySwitchFloor(level)), level, true);
    }

    /**
     * a times b under the noise-driven policy: both operands are brought to {@link #productLevel} (switched down
     * as far as their noise allows, see {@link #lowerTo}), multiplied, and the product is relinearized and switched
     * to its {@linkplain #settleLevel settle level} in one division ({@link #multiplyRelinSwitch}); a product whose
     * noise does not yet fill a prime stays at its level.
     */
    public Ciphertext multiplyNoiseDriven(Ciphertext a, Ciphertext b) {
        int level = productLevel(a, b);
        Ciphertext x = lowerTo(a, level);
        return multiplySettled(x, a == b ? x : lowerTo(b, level));
    }

    /**
     * a times b at their common level (no operand is switched first unless their levels differ), relinearized and
     * switched in the same division to the {@linkplain #settleLevel settle level}: the second half of
     * {@link #multiplyNoiseDriven}, for callers that bring (and cache) the operands at {@link #productLevel}
     * themselves.
     */
    public Ciphertext multiplySettled(Ciphertext a, Ciphertext b) {
        CiphertextData product = tensor(data(a), data(b));
        return done(relinearizedAndSwitched(product, settleLevel(product.noise(), product.level)), "multiply");
    }

    /** The estimated budget of a three-part product at {@code level} after its relinearization and settling. */
    private double settledBudget(NoiseModel.Estimate product, int level) {
        int target = settleLevel(product, level);
        NoiseModel.Estimate settled = target == level ? NoiseModel.keySwitched(parameters, product, level)
                : NoiseModel.relinearizedAndSwitched(parameters, product, level, target);
        return parameters.log2Modulus(target) - 1 - NoiseModel.log2Bound(settled.log2Variance());
    }

    /** The noise estimate of a ciphertext at {@code from} after {@link #lowerTo} {@code to}. */
    private NoiseModel.Estimate lowered(NoiseModel.Estimate e, int from, int to) {
        if (to >= from) {
            return e;
        }
        return rescaleHelps(e.log2Variance(), from, to) ? NoiseModel.switched(parameters, e, from, to) : e;
    }

    private boolean rescaleHelps(double v, int from, int to) {
        return (v - NoiseModel.modulusSwitch(parameters, v, from, to)) / 2 >= RESCALE_GAIN_BITS;
    }

    /**
     * The lowest level t &lt;= level at which v divided by q_(t+1) ... q_level stays at least the switching floor
     * (and, with {@code keySwitchFloor}, the key-switching noise at t).
     */
    private int lowestLevelAbove(double v, int level, boolean keySwitchFloor) {
        double floor = NoiseModel.rescaleFloor(parameters);
        double top = parameters.log2Modulus(level);
        int t = level;
        while (t > 0) {
            double divided = v - 2 * (top - parameters.log2Modulus(t - 1));
            double limit = keySwitchFloor ? Math.max(floor, keySwitchFloor(t - 1)) : floor;
            if (divided < limit) {
                break;
            }
            t--;
        }
        return t;
    }

    private double keySwitchFloor(int level) {
        return keySwitchTerms[level];
    }

    /** X -&gt; X^k followed by the key switch back to s; needs the key for k. */
    public Ciphertext automorphism(Ciphertext a, long galoisElement) {
        return done(automorphed(data(a), galoisElement), "automorphism");
    }

    /** Slot i moves to i + s (s &lt; 0: down), vacated slots become 0. */
    public Ciphertext shift(Ciphertext a, int s) {
        return done(shifted(data(a), s), "shift");
    }

    /** Slot i moves to (i + s) mod l. */
    public Ciphertext rotate(Ciphertext a, int s) {
        return done(rotated(data(a), s), "rotate");
    }

    /** Every slot x becomes x^(p^j). */
    public Ciphertext frobenius(Ciphertext a, int j) {
        return done(automorphed(data(a), parameters.slots().frobeniusElement(j)), "frobenius");
    }

    // ---- in-place forms: the result replaces the target ----------------------------------------------------

    public void add(MutableCiphertext target, Ciphertext b) {
        target.set(check(addInto(target.data(), data(b), false), "add"));
    }

    public void subtract(MutableCiphertext target, Ciphertext b) {
        target.set(check(addInto(target.data(), data(b), true), "subtract"));
    }

    public void negate(MutableCiphertext target) {
        negateInto(target.data());
    }

    public void addPlain(MutableCiphertext target, Plaintext b) {
        addPlainInto(target.data(), b);
        check(target.data(), "addPlain");
    }

    public void multiplyPlain(MutableCiphertext target, Plaintext b) {
        multiplyPlainInto(target.data(), b);
        check(target.data(), "multiplyPlain");
    }

    public void multiply(MutableCiphertext target, Ciphertext b) {
        target.set(check(tensor(target.data(), data(b)), "multiply"));
    }

    public void relinearize(MutableCiphertext target) {
        target.set(check(relinearized(target.data()), "relinearize"));
    }

    public void multiplyRelin(MutableCiphertext target, Ciphertext b) {
        target.set(check(relinearized(tensor(target.data(), data(b))), "multiplyRelin"));
    }

    public void modSwitch(MutableCiphertext target) {
        target.set(check(switchedTo(target.data(), target.level() - 1), "modSwitch"));
    }

    public void modSwitchTo(MutableCiphertext target, int level) {
        target.set(check(switchedTo(target.data(), level), "modSwitchTo"));
    }

    public void automorphism(MutableCiphertext target, long galoisElement) {
        target.set(check(automorphed(target.data(), galoisElement), "automorphism"));
    }

    public void shift(MutableCiphertext target, int s) {
        target.set(check(shifted(target.data(), s), "shift"));
    }

    public void rotate(MutableCiphertext target, int s) {
        target.set(check(rotated(target.data(), s), "rotate"));
    }

    public void frobenius(MutableCiphertext target, int j) {
        target.set(check(automorphed(target.data(), parameters.slots().frobeniusElement(j)), "frobenius"));
    }

    // ---- the operations on ciphertext data ---------------------------------------------------------------

    /**
     * x +/- y into x (x may be replaced when its level is higher or its factor changes; y is never modified).
     * Operands with different scalar factors f_x, f_y are first brought to a common one: x is multiplied by
     * e_x and y by e_y with e_x f_x = e_y f_y (mod p), the pair chosen by {@link #harmonizers} to add the least
     * noise; the sum then has factor e_x f_x.
     */
    private CiphertextData addInto(CiphertextData x, CiphertextData y, boolean subtract) {
        checkSameKey(x, y);
        if (x.level > y.level) {
            x = switchedTo(x, y.level);
        } else if (y.level > x.level) {
            y = switchedTo(y, x.level);
        }
        if (x.factor != y.factor) {
            long[] e = harmonizers(x.factor, x.log2Variance, y.factor, y.log2Variance);
            x = scaled(x, e[0]);
            if (e[1] != 1) {
                y = scaled(y.copy(), e[1]);
            }
        }
        if (y.size() > x.size()) {
            DoubleCrt[] grown = Arrays.copyOf(x.parts, y.size());
            for (int i = x.size(); i < grown.length; i++) {
                grown[i] = DoubleCrt.zero(parameters.ring(), parameters.primesAt(x.level));
            }
            x = new CiphertextData(parameters, x.keyId, x.level, grown, x.factor, x.noise());
        }
        for (int i = 0; i < y.size(); i++) {
            if (subtract) {
                x.parts[i].subtract(y.parts[i]);
            } else {
                x.parts[i].add(y.parts[i]);
            }
        }
        x.setNoise(NoiseModel.sum(x.noise(), y.noise()));
        counters.addAddition();
        return x;
    }

    /**
     * Centred (e_x, e_y), |e| &lt; p/2, with e_x f_x = e_y f_y (mod p) minimising the noise of e_x x + e_y y,
     * i.e. e_x^2 V_x + e_y^2 V_y. The candidates are HElib's: the pairs (r_i, t_i) with r_i = t_i (f_y / f_x)
     * (mod p) that the extended Euclidean algorithm on (p, f_y / f_x) produces, which run from (f_y / f_x, 1)
     * (scale x only) to (1, f_x / f_y) (scale y only) through the short pairs in between (|e_x e_y| about p).
     */
    long[] harmonizers(long fx, double vx, long fy, double vy) {
        long p = parameters.plaintextModulus();
        if (fx == fy) {
            return new long[] {1, 1};
        }
        long ratio = Math.floorMod(fy * inverseModP(fx), p);
        long r0 = p;
        long t0 = 0;
        long r1 = ratio;
        long t1 = 1;
        long[] best = {centred(r1), 1};
        double bestNoise = NoiseModel.add(NoiseModel.scale(vx, best[0]), vy);
        while (r1 != 0) {
            long q = r0 / r1;
            long r2 = r0 - q * r1;
            long t2 = t0 - q * t1;
            r0 = r1;
            t0 = t1;
            r1 = r2;
            t1 = t2;
            if (r1 != 0) {
                long ex = centred(r1);
                long ey = centred(t1);
                double noise = NoiseModel.add(NoiseModel.scale(vx, ex), NoiseModel.scale(vy, ey));
                if (noise < bestNoise) {
                    best = new long[] {ex, ey};
                    bestNoise = noise;
                }
            }
        }
        return best;
    }

    /** x (owned) times the centred integer t: parts, factor and noise; x itself when t = 1. */
    private CiphertextData scaled(CiphertextData x, long t) {
        if (t == 1) {
            return x;
        }
        for (DoubleCrt part : x.parts) {
            part.multiplyScalar(t);
        }
        long p = parameters.plaintextModulus();
        return x.with(Math.floorMod(Math.floorMod(t, p) * x.factor, p),
                x.noise().scaled(NoiseModel.scale(0, t)));
    }

    private long inverseModP(long a) {
        long p = parameters.plaintextModulus();
        return Modulus.of(p).inverse(Math.floorMod(a, p));
    }

    private void negateInto(CiphertextData x) {
        for (DoubleCrt part : x.parts) {
            part.negate();
        }
    }

    /** Adds f b, f the scalar factor, so that the sum decrypts to f (m + b). */
    private void addPlainInto(CiphertextData x, Plaintext b) {
        checkPlaintext(b);
        x.parts[0].add(b.evaluationAt(x.level, x.factor, counters));
        x.setNoise(NoiseModel.addPlain(parameters, x.noise()));
        counters.addAddition();
    }

    private void multiplyPlainInto(CiphertextData x, Plaintext b) {
        checkPlaintext(b);
        DoubleCrt factor = b.evaluationAt(x.level, counters);
        for (DoubleCrt part : x.parts) {
            part.multiply(factor);
        }
        x.setNoise(NoiseModel.multiplyPlain(parameters, x.noise(), b.meanSquare(), System.identityHashCode(b)));
        counters.addPlaintextMultiplication();
    }

    /** (a_0, a_1) x (b_0, b_1) = (a_0 b_0, a_0 b_1 + a_1 b_0, a_1 b_1). */
    private CiphertextData tensor(CiphertextData a, CiphertextData b) {
        checkSameKey(a, b);
        if (a.size() != 2 || b.size() != 2) {
            throw new IllegalArgumentException("multiply needs two-part ciphertexts, got sizes " + a.size() + " and "
                    + b.size() + "; relinearize first");
        }
        if (a.level > b.level) {
            a = switchedTo(a, b.level);
        } else if (b.level > a.level) {
            b = switchedTo(b, a.level);
        }
        DoubleCrt c0 = a.parts[0].copy();
        c0.multiply(b.parts[0]);
        DoubleCrt c1 = a.parts[0].copy();
        c1.multiply(b.parts[1]);
        c1.multiplyAdd(a.parts[1], b.parts[0]);
        DoubleCrt c2 = a.parts[1].copy();
        c2.multiply(b.parts[1]);
        counters.addMultiplication();
        long p = parameters.plaintextModulus();
        return new CiphertextData(parameters, a.keyId, a.level, new DoubleCrt[] {c0, c1, c2}, a.factor * b.factor % p,
                NoiseModel.product(parameters, a.noise(), b.noise()));
    }

    /** (c_0, c_1, c_2) to (c_0 + u_0, c_1 + u_1) with (u_0, u_1) the key switch of c_2 from s^2. */
    private CiphertextData relinearized(CiphertextData x) {
        if (x.size() == 2) {
            return x.copy();
        }
        KeySwitchKey key = requireKeys(x).relinearization().orElseThrow(() ->
                new IllegalStateException("no relinearization key in the evaluation keys"));
        DoubleCrt[] u = KeySwitching.switchKey(parameters, x.parts[2], key, x.level, counters, rnsPool);
        DoubleCrt c0 = x.parts[0].copy();
        c0.add(u[0]);
        DoubleCrt c1 = x.parts[1].copy();
        c1.add(u[1]);
        counters.addRelinearization();
        return new CiphertextData(parameters, x.keyId, x.level, new DoubleCrt[] {c0, c1}, x.factor,
                NoiseModel.keySwitched(parameters, x.noise(), x.level));
    }

    /**
     * Switches down to {@code level} in one division by Q_D = q_(level+1) ... q_(x.level) (one basis conversion per
     * part, see {@link KeySwitching}); returns new data (x is untouched). The message is multiplied by Q_D^-1 mod p,
     * which the scalar factor records.
     */
    private CiphertextData switchedTo(CiphertextData x, int level) {
        if (level < 0 || level > x.level) {
            throw new IllegalArgumentException("can only switch down to a level in [0, " + x.level + "], got " + level
                    + (level < 0 ? ": the modulus chain is exhausted" : ""));
        }
        if (level == x.level) {
            return x.copy();
        }
        LevelConstants.Rescale division = parameters.constants(x.level).rescale(level, false);
        DoubleCrt[] parts = new DoubleCrt[x.size()];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = KeySwitching.rescale(parameters, division, KeySwitching.rowsOf(x.parts[i]), counters, rnsPool);
        }
        counters.addModulusSwitch();
        long factor = x.factor * division.chainInverseModPlaintext % parameters.plaintextModulus();
        return new CiphertextData(parameters, x.keyId, level, parts, factor,
                NoiseModel.switched(parameters, x.noise(), x.level, level));
    }

    /**
     * Relinearizes a three-part x and switches it down to {@code level} with one division by P Q_D (two-part x:
     * a plain modulus switch).
     */
    private CiphertextData relinearizedAndSwitched(CiphertextData x, int level) {
        if (level < 0 || level > x.level) {
            throw new IllegalArgumentException("can only switch down to a level in [0, " + x.level + "], got " + level);
        }
        if (x.size() == 2) {
            return switchedTo(x, level);
        }
        if (level == x.level) {
            return relinearized(x);
        }
        KeySwitchKey key = requireKeys(x).relinearization().orElseThrow(() ->
                new IllegalStateException("no relinearization key in the evaluation keys"));
        DoubleCrt[] parts = KeySwitching.relinearizeAndSwitch(parameters, x.parts, key, x.level, level, counters,
                rnsPool);
        counters.addRelinearization();
        counters.addModulusSwitch();
        long factor = x.factor * parameters.constants(x.level).rescale(level, true).chainInverseModPlaintext
                % parameters.plaintextModulus();
        return new CiphertextData(parameters, x.keyId, level, parts, factor,
                NoiseModel.relinearizedAndSwitched(parameters, x.noise(), x.level, level));
    }

    /** (sigma_k(c_0) + u_0, u_1) with (u_0, u_1) the key switch of sigma_k(c_1) from sigma_k(s). */
    private CiphertextData automorphed(CiphertextData x, long galoisElement) {
        if (x.size() != 2) {
            throw new IllegalArgumentException("automorphisms need a two-part ciphertext, got size " + x.size()
                    + "; relinearize first");
        }
        int k = parameters.cyclotomic().unit(galoisElement);
        if (k == 1) {
            return x.copy();
        }
        KeySwitchKey key = requireKeys(x).automorphism(k).orElseThrow(() -> new IllegalStateException(
                "no automorphism key for X -> X^" + k + "; generate it with KeyGenerator.automorphismKey"));
        int[] sources = parameters.cyclotomic().automorphismSources(k);
        DoubleCrt c0 = x.parts[0].automorphism(sources);
        DoubleCrt[] u = KeySwitching.switchKey(parameters, x.parts[1].automorphism(sources), key, x.level, counters,
                rnsPool);
        c0.add(u[0]);
        counters.addAutomorphism();
        NoiseModel.Estimate moved = x.noise().relabeled(0, 0x6175746fL * 31 + k);
        return new CiphertextData(parameters, x.keyId, x.level, new DoubleCrt[] {c0, u[1]}, x.factor,
                NoiseModel.keySwitched(parameters, moved, x.level));
    }

    /** sigma_(g^-s) then a mask keeping the slots that did not wrap around. */
    private CiphertextData shifted(CiphertextData x, int s) {
        int slots = parameters.slots().slotCount();
        if (s == 0) {
            return x.copy();
        }
        if (Math.abs(s) >= slots) {
            CiphertextData zero = x.copy();
            multiplyPlainInto(zero, mask(0, 0));
            return zero;
        }
        CiphertextData moved = automorphed(x, parameters.slots().shiftElement(s));
        multiplyPlainInto(moved, s > 0 ? mask(s, slots) : mask(0, slots + s));
        return moved;
    }

    /** The slots that stay in range move by sigma_(g^-s), the wrapped ones by sigma_(g^(l-s)); masks pick each. */
    private CiphertextData rotated(CiphertextData x, int s) {
        int slots = parameters.slots().slotCount();
        int r = Math.floorMod(s, slots);
        if (r == 0) {
            return x.copy();
        }
        CiphertextData stay = automorphed(x, parameters.slots().shiftElement(r));
        multiplyPlainInto(stay, mask(r, slots));
        CiphertextData wrap = automorphed(x, parameters.slots().shiftElement(r - slots));
        multiplyPlainInto(wrap, mask(0, r));
        return addInto(stay, wrap, false);
    }

    private Plaintext mask(int from, int to) {
        return masks.computeIfAbsent(((long) from << 32) | to, unused -> new Encoder(parameters).mask(from, to));
    }

    // ---- checks ----------------------------------------------------------------------------------------------

    private CiphertextData own(Ciphertext a) {
        return data(a).copy();
    }

    private CiphertextData data(Ciphertext a) {
        if (!a.parameters().equals(parameters)) {
            throw new IllegalArgumentException("ciphertext belongs to other parameters: " + a.parameters().describe()
                    + "; this evaluator is for " + parameters.describe());
        }
        return a.data();
    }

    private Ciphertext done(CiphertextData result, String operation) {
        return new Ciphertext(check(result, operation));
    }

    private CiphertextData check(CiphertextData result, String operation) {
        double budget = result.estimatedBudget();
        if (budget < 0) {
            throw new NoiseBudgetExhaustedException(String.format("%s at level %d would leave an estimated noise budget "
                    + "of %.1f bits: the circuit is too deep for these parameters (log2 Q_%d = %.1f)", operation,
                    result.level, budget, result.level, parameters.log2Modulus(result.level)), budget);
        }
        return result;
    }

    private void checkSameKey(CiphertextData a, CiphertextData b) {
        if (a.keyId != b.keyId) {
            throw new IllegalArgumentException("ciphertexts are under different keys: " + Long.toHexString(a.keyId)
                    + " and " + Long.toHexString(b.keyId));
        }
    }

    private void checkPlaintext(Plaintext b) {
        if (!b.parameters().equals(parameters)) {
            throw new IllegalArgumentException("plaintext belongs to other parameters: " + b.parameters().describe());
        }
    }

    private EvaluationKeys requireKeys(CiphertextData x) {
        if (keys == null) {
            throw new IllegalStateException("this evaluator has no evaluation keys");
        }
        if (keys.keyId() != x.keyId) {
            throw new IllegalArgumentException("ciphertext is under key " + Long.toHexString(x.keyId)
                    + " but the evaluation keys are for key " + Long.toHexString(keys.keyId()));
        }
        return keys;
    }
}
