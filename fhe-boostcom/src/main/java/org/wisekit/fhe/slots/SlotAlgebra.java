package org.wisekit.fhe.slots;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.wisekit.fhe.ring.Modulus;
import org.wisekit.fhe.ring.Primes;

/**
 * The plaintext slot structure of Z_p[X]/Phi_m(X) for an odd prime m and a prime p != m (HElib's PAlgebra for
 * prime m).
 *
 * <p><b>Structure.</b> Phi_m splits modulo p into l = phi(m)/d irreducible factors of degree d = ord_p(m),
 * so Z_p[X]/Phi_m = F_(p^d)^l. Fix R(Y), the minimal polynomial over F_p of a primitive m-th root of unity in
 * F_(p^d), and zeta = Y in the slot field F_p[Y]/R. Let g be the smallest primitive root modulo m; its powers
 * g^0 .. g^(l-1) represent the cosets of Z_m^* / &lt;p&gt;. Slot i of a(X) is a(zeta^(g^i)), and the i-th factor
 * F_i is the minimal polynomial of zeta^(g^i) (F_0 = R).
 *
 * <p><b>Automorphisms.</b> sigma_k: X -&gt; X^k maps slot i to a(zeta^(g^i k)). For k = g^-s the slots move s
 * places up (slot i receives slot i - s), but the s slots that wrap around receive a Frobenius-twisted value,
 * because g^l lies in &lt;p&gt; and not at 1: prime m with d &gt; 1 is a "bad dimension", so shifts must be
 * masked. For k = p every slot undergoes Frobenius x -&gt; x^p in place.
 *
 * <p><b>Encoding.</b> With H = Phi_m / R, the polynomial E_(0,t) = (Y^t H^-1 mod R)(X) * H(X) holds Y^t in
 * slot 0 and 0 elsewhere; E_(i,t) = sigma_(g^-i)(E_(0,t)) moves it to slot i. Encoding sums s_(i,t) E_(i,t),
 * decoding evaluates a(X^(g^i)) modulo R; both take O(l d phi) = O(phi^2) operations on small integers.
 *
 * <p>Every choice (R, zeta, g) is deterministic, so the same (m, p) always gives the same encoding. Immutable
 * and thread-safe.
 */
public final class SlotAlgebra {

    private static final int MAX_PLAINTEXT_MODULUS = 1 << 20;

    private final int m;
    private final long p;
    private final int slots;
    private final long generator;
    private final SlotField field;
    /** X^k mod R for k &lt; m, the images of the monomials in slot 0, flat: d entries per k. */
    private final long[] monomialImages;
    /** E_(0,t) for t &lt; d, each phi coefficients in [0, p). */
    private final long[][] idempotents;

    private SlotAlgebra(int m, long p) {
        this.m = m;
        this.p = p;
        int d = (int) Primes.multiplicativeOrder(p, m);
        this.slots = (m - 1) / d;
        this.generator = Primes.smallestPrimitiveRoot(m);
        this.field = new SlotField(p, minimalPolynomialOfRootOfUnity(m, p, d));
        long[] r = field.modulus();
        monomialImages = new long[m * d];
        long[] power = field.constant(1);
        long[] y = d == 1 ? field.constant(Math.floorMod(-r[0], p)) : field.basis(1);
        for (int k = 0; k < m; k++) {
            System.arraycopy(power, 0, monomialImages, k * d, d);
            power = field.multiply(power, y);
        }
        idempotents = idempotents(r);
    }

    /** The slot algebra for an odd prime m and a prime p &lt; 2^20 with p != m. */
    public static SlotAlgebra create(int m, long p) {
        if (m < 3 || !Primes.isPrime(m)) {
            throw new IllegalArgumentException("slot algebra needs an odd prime m, got " + m);
        }
        if (p < 2 || p >= MAX_PLAINTEXT_MODULUS || !Primes.isPrime(p) || p == m) {
            throw new IllegalArgumentException("plaintext modulus must be a prime below 2^20 other than m = " + m
                    + ", got " + p);
        }
        return new SlotAlgebra(m, p);
    }

    public int m() {
        return m;
    }

    public long plaintextModulus() {
        return p;
    }

    /** phi(m) = m - 1. */
    public int dimension() {
        return m - 1;
    }

    /** The number of slots l. */
    public int slotCount() {
        return slots;
    }

    /** The slot degree d = ord_p(m). */
    public int degree() {
        return field.degree();
    }

    /** g, the smallest primitive root modulo m. */
    public long generator() {
        return generator;
    }

    /** The slot field F_p[Y]/R(Y). */
    public SlotField field() {
        return field;
    }

    /** The automorphism exponent g^(-s) mod m that moves slot i to slot i + s (wrapped slots then need masks). */
    public long shiftElement(int s) {
        // g^-s exactly, not reduced modulo l: g^l is a Frobenius power, so g^(l-s) would twist every slot.
        return BigInteger.valueOf(generator).modPow(BigInteger.valueOf(Math.floorMod(-(long) s, m - 1L)),
                BigInteger.valueOf(m)).longValueExact();
    }

    /** The automorphism exponent p^j mod m: Frobenius to the power j in every slot. */
    public long frobeniusElement(int j) {
        return BigInteger.valueOf(p).modPow(BigInteger.valueOf(Math.floorMod(j, degree())), BigInteger.valueOf(m))
                .longValueExact();
    }

    /** The plaintext polynomial (phi coefficients in [0, p)) whose slots hold {@code values}. */
    public long[] encode(SlotVector values) {
        checkVector(values);
        int phi = m - 1;
        int d = degree();
        long[] spread = new long[m];
        long inverseGenerator = shiftElement(1);
        long step = 1; // g^-i mod m
        for (int i = 0; i < slots; i++, step = step * inverseGenerator % m) {
            long[] value = values.get(i);
            if (isZero(value)) {
                continue;
            }
            int index = 0;
            for (int n = 0; n < phi; n++) {
                // No reduction inside: the total stays below phi * p^2 < 2^60.
                for (int t = 0; t < d; t++) {
                    spread[index] += value[t] * idempotents[t][n];
                }
                index += (int) step;
                if (index >= m) {
                    index -= m;
                }
            }
        }
        long top = spread[m - 1] % p;
        long[] coefficients = new long[phi];
        for (int n = 0; n < phi; n++) {
            coefficients[n] = Math.floorMod(spread[n] % p - top, p);
        }
        return coefficients;
    }

    /** The slots of a plaintext polynomial of degree &lt; phi with coefficients in [0, p). */
    public SlotVector decode(long[] coefficients) {
        int phi = m - 1;
        if (coefficients.length != phi) {
            throw new IllegalArgumentException("plaintext must have phi(m) = " + phi + " coefficients, got "
                    + coefficients.length);
        }
        int d = degree();
        long[][] values = new long[slots][];
        long step = 1; // g^i mod m
        for (int i = 0; i < slots; i++) {
            long[] sum = new long[d];
            int index = 0;
            for (int n = 0; n < phi; n++) {
                long a = coefficients[n];
                if (a != 0) {
                    int base = index * d;
                    for (int t = 0; t < d; t++) {
                        sum[t] += a * monomialImages[base + t];
                    }
                }
                index += (int) step;
                if (index >= m) {
                    index -= m;
                }
            }
            for (int t = 0; t < d; t++) {
                sum[t] %= p;
            }
            values[i] = sum;
            step = step * generator % m;
        }
        return SlotVector.of(field, values);
    }

    /** The factors F_0 .. F_(l-1) of Phi_m mod p in slot order, each monic of degree d. */
    public List<long[]> factors() {
        List<long[]> factors = new ArrayList<>(slots);
        long power = 1;
        for (int i = 0; i < slots; i++) {
            // prod_j (X - zeta^(g^i p^j)), computed over the slot field; its coefficients lie in F_p.
            List<long[]> polynomial = new ArrayList<>(List.of(field.constant(1)));
            long exponent = power;
            for (int j = 0; j < degree(); j++) {
                long[] root = Arrays.copyOfRange(monomialImages, (int) exponent * degree(), ((int) exponent + 1) * degree());
                List<long[]> next = new ArrayList<>();
                for (int k = 0; k <= polynomial.size(); k++) {
                    long[] shifted = k > 0 ? polynomial.get(k - 1) : field.zero();
                    long[] scaled = k < polynomial.size() ? field.multiply(polynomial.get(k), root) : field.zero();
                    next.add(field.subtract(shifted, scaled));
                }
                polynomial = next;
                exponent = exponent * p % m;
            }
            long[] coefficients = new long[polynomial.size()];
            for (int k = 0; k < coefficients.length; k++) {
                if (!field.isInPrimeField(polynomial.get(k))) {
                    throw new AssertionError("factor coefficient outside F_p");
                }
                coefficients[k] = polynomial.get(k)[0];
            }
            factors.add(coefficients);
            power = power * generator % m;
        }
        return factors;
    }

    private static boolean isZero(long[] value) {
        for (long v : value) {
            if (v != 0) {
                return false;
            }
        }
        return true;
    }

    private void checkVector(SlotVector values) {
        if (!values.field().equals(field) || values.size() != slots) {
            throw new IllegalArgumentException("slot vector must have " + slots + " slots over " + field + ", got "
                    + values.size() + " over " + values.field());
        }
    }

    /** E_(0,t) = (Y^t * H^-1 mod R)(X) * H(X) with H = Phi_m / R; degree &lt; phi needs no reduction. */
    private long[][] idempotents(long[] r) {
        int phi = m - 1;
        long[] cyclotomic = new long[m];
        Arrays.fill(cyclotomic, 1);
        long[] h = PolyModP.divide(cyclotomic, r, p)[0];
        long[] hInverse = field.pow(field.fromPolynomial(PolyModP.mod(h, r, p)),
                BigInteger.valueOf(p).pow(degree()).subtract(BigInteger.TWO));
        long[][] result = new long[degree()][];
        long[] c = hInverse;
        for (int t = 0; t < degree(); t++) {
            result[t] = Arrays.copyOf(PolyModP.multiply(PolyModP.trim(c.clone()), h, p), phi);
            if (t + 1 < degree()) {
                c = field.multiply(c, field.basis(1));
            }
        }
        return result;
    }

    /**
     * R: the minimal polynomial of a primitive m-th root of unity. Built in an auxiliary field F_p[Z]/f with the
     * first irreducible f of degree d in a fixed enumeration, from the first element whose (p^d - 1)/m-th power
     * is not 1, as prod_j (X - zeta'^(p^j)).
     */
    private static long[] minimalPolynomialOfRootOfUnity(int m, long p, int d) {
        if (d == 1) {
            long root = Primes.rootOfUnity(Modulus.of(p), m);
            return new long[] {Math.floorMod(-root, p), 1};
        }
        SlotField auxiliary = new SlotField(p, firstIrreducible(d, p));
        BigInteger cofactor = BigInteger.valueOf(p).pow(d).subtract(BigInteger.ONE).divide(BigInteger.valueOf(m));
        long[] one = auxiliary.constant(1);
        for (long candidate = 0; ; candidate++) {
            long[] x = auxiliary.add(auxiliary.basis(1), auxiliary.constant(candidate));
            long[] root = auxiliary.pow(x, cofactor);
            if (Arrays.equals(root, one)) {
                continue;
            }
            List<long[]> polynomial = new ArrayList<>(List.of(one));
            long[] conjugate = root;
            for (int j = 0; j < d; j++) {
                List<long[]> next = new ArrayList<>();
                for (int k = 0; k <= polynomial.size(); k++) {
                    long[] shifted = k > 0 ? polynomial.get(k - 1) : auxiliary.zero();
                    long[] scaled = k < polynomial.size() ? auxiliary.multiply(polynomial.get(k), conjugate)
                            : auxiliary.zero();
                    next.add(auxiliary.subtract(shifted, scaled));
                }
                polynomial = next;
                conjugate = auxiliary.frobenius(conjugate, 1);
            }
            long[] r = new long[d + 1];
            for (int k = 0; k <= d; k++) {
                r[k] = polynomial.get(k)[0];
            }
            return r;
        }
    }

    /** The first monic irreducible of degree d over F_p, enumerating lower coefficients as base-p numbers. */
    private static long[] firstIrreducible(int d, long p) {
        long[] f = new long[d + 1];
        f[d] = 1;
        while (true) {
            for (int k = 0; k < d; k++) {
                f[k]++;
                if (f[k] < p) {
                    break;
                }
                f[k] = 0;
            }
            if (PolyModP.isIrreducible(f, p)) {
                return f.clone();
            }
        }
    }
}
