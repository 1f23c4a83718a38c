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
 * Nothing rescales automatically: after a product, {@link #modSwitch} divides by the top prime, which shrinks
 * the noise by about that prime's size and lowers the level by one.
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
    }

    /** An evaluator without keys: linear operations, plaintext products and modulus switching only. */
    public Evaluator(BgvParameters parameters) {
        this.parameters = parameters;
        this.keys = null;
        this.counters = new OperationCounters();
        this.masks = new ConcurrentHashMap<>();
        this.rnsPool = null;
    }

    private Evaluator(Evaluator base, ForkJoinPool rnsPool) {
        this.parameters = base.parameters;
        this.keys = base.keys;
        this.counters = base.counters;
        this.masks = base.masks;
        this.rnsPool = rnsPool;
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
        x.log2Variance = NoiseModel.multiplyConstant(parameters, x.log2Variance, centred);
        counters.addPlaintextMultiplication();
        return done(x, "multiplyConstant");
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
        x.log2Variance = NoiseModel.addPlain(parameters, x.log2Variance);
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
        return done(new CiphertextData(parameters, x.keyId, level, parts, x.factor, x.log2Variance), "dropToLevel");
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
            x = new CiphertextData(parameters, x.keyId, x.level, grown, x.factor, x.log2Variance);
        }
        for (int i = 0; i < y.size(); i++) {
            if (subtract) {
                x.parts[i].subtract(y.parts[i]);
            } else {
                x.parts[i].add(y.parts[i]);
            }
        }
        x.log2Variance = NoiseModel.add(x.log2Variance, y.log2Variance);
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
        return x.with(Math.floorMod(Math.floorMod(t, p) * x.factor, p), NoiseModel.scale(x.log2Variance, t));
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
        x.log2Variance = NoiseModel.addPlain(parameters, x.log2Variance);
        counters.addAddition();
    }

    private void multiplyPlainInto(CiphertextData x, Plaintext b) {
        checkPlaintext(b);
        DoubleCrt factor = b.evaluationAt(x.level, counters);
        for (DoubleCrt part : x.parts) {
            part.multiply(factor);
        }
        x.log2Variance = NoiseModel.multiplyPlain(parameters, x.log2Variance, b.meanSquare());
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
        boolean square = sameValue(a, b);
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
                square ? NoiseModel.square(parameters, a.log2Variance)
                        : NoiseModel.multiply(parameters, a.log2Variance, b.log2Variance));
    }

    /** Whether a and b hold the same ciphertext (the same object, or equal parts, as after aligning x with x). */
    private static boolean sameValue(CiphertextData a, CiphertextData b) {
        if (a == b) {
            return true;
        }
        if (a.level != b.level || a.factor != b.factor || a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            for (int r = 0; r < a.parts[i].primeCount(); r++) {
                if (!Arrays.equals(a.parts[i].row(r), b.parts[i].row(r))) {
                    return false;
                }
            }
        }
        return true;
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
                NoiseModel.add(x.log2Variance, NoiseModel.keySwitch(parameters, x.level)));
    }

    /**
     * Drops primes down to {@code level} one at a time; returns new data (x is untouched). Each division by q
     * multiplies the message by q^-1 mod p, which the scalar factor records.
     */
    private CiphertextData switchedTo(CiphertextData x, int level) {
        if (level < 0 || level > x.level) {
            throw new IllegalArgumentException("can only switch down to a level in [0, " + x.level + "], got " + level
                    + (level < 0 ? ": the modulus chain is exhausted" : ""));
        }
        CiphertextData current = x.copy();
        while (current.level > level) {
            DoubleCrt[] parts = new DoubleCrt[current.size()];
            for (int i = 0; i < parts.length; i++) {
                parts[i] = KeySwitching.dropLastPrime(parameters, current.parts[i], current.level, counters, rnsPool);
            }
            counters.addModulusSwitch();
            long factor = current.factor * parameters.constants(current.level).topInverseModPlaintext
                    % parameters.plaintextModulus();
            current = new CiphertextData(parameters, current.keyId, current.level - 1, parts, factor,
                    NoiseModel.modulusSwitch(parameters, current.log2Variance, current.level));
        }
        return current;
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
        return new CiphertextData(parameters, x.keyId, x.level, new DoubleCrt[] {c0, u[1]}, x.factor,
                NoiseModel.add(x.log2Variance, NoiseModel.keySwitch(parameters, x.level)));
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
