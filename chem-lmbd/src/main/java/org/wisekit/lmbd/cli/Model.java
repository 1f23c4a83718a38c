package org.wisekit.lmbd.cli;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleConsumer;
import org.wisekit.lmbd.AtomicParameters;
import org.wisekit.lmbd.FrequencyGrid;
import org.wisekit.lmbd.Geometry;
import org.wisekit.lmbd.Lmbd;
import org.wisekit.lmbd.LmbdResult;
import org.wisekit.lmbd.LmbdSettings;
import org.wisekit.lmbd.Mbd;
import org.wisekit.lmbd.MbdResult;
import org.wisekit.lmbd.MbdSettings;

/**
 * A dispersion model as chosen on the command line, ready to run on a geometry.
 *
 * @param method  which energy
 * @param beta    the Fermi damping range parameter of mbd, plain and lmbd (unused by ts)
 * @param lmbd    the lMBD settings (with {@code threads}); null unless {@code method} is {@link Method#LMBD}
 * @param threads threads of one calculation
 */
record Model(Method method, double beta, LmbdSettings lmbd, int threads) {

    /** TS damping (libMBD's PBE values). */
    static final double TS_SR = 0.94;
    static final double TS_D = 20;

    /** The energies {@code --method} names. */
    enum Method {
        MBD("MBD@rsSCS, full range-separated self-consistent screening as in libMBD"),
        LMBD("lMBD, linear-scaling atom-wise MBD as in TurboGAP"),
        TS("TS pairwise, sR " + num(TS_SR) + ", d " + num(TS_D)),
        PLAIN("plain MBD, coupled oscillators without screening as in libMBD");

        private final String title;

        Method(String title) {
            this.title = title;
        }

        /** The name on the command line and in JSON. */
        String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        String title() {
            return title;
        }

        /** {@code --method}'s value, any case. */
        static Method parse(String value) {
            for (Method m : values()) {
                if (m.id().equalsIgnoreCase(value.strip())) {
                    return m;
                }
            }
            throw new IllegalArgumentException("--method must be mbd, lmbd, ts or plain, got '" + value + "'");
        }
    }

    /**
     * What a run gives.
     *
     * @param energy   hartree
     * @param perAtom  per-atom energies in hartree (lmbd only; null otherwise)
     * @param alphaScs screened static polarizabilities in bohr^3 (lmbd and mbd; null otherwise)
     * @param omegaScs screened characteristic frequencies in hartree (lmbd and mbd; null otherwise)
     */
    record Outcome(double energy, double[] perAtom, double[] alphaScs, double[] omegaScs) {
    }

    /** The same model on {@code n} threads. */
    Model withThreads(int n) {
        return new Model(method, beta, lmbd == null ? null : lmbd.withThreads(n), n);
    }

    private MbdSettings mbdSettings() {
        return MbdSettings.defaults().withBeta(beta).withThreads(threads);
    }

    /**
     * The energy of {@code geometry}; {@code progress} is told the fraction done (lmbd reports as it goes, the others
     * only at the end).
     *
     * @throws IllegalArgumentException                           for a bad geometry (atoms closer than 0.1 A)
     * @throws org.wisekit.lmbd.PolarizationCatastropheException when the coupled dipoles are unstable
     */
    Outcome run(Geometry geometry, AtomicParameters parameters, DoubleConsumer progress) {
        Outcome outcome = switch (method) {
            case LMBD -> {
                LmbdResult r = Lmbd.energy(geometry, parameters, lmbd, progress);
                yield new Outcome(r.energy(), r.perAtom(), r.alphaScs(), r.omegaScs());
            }
            case MBD -> {
                MbdResult r = Mbd.rsScs(geometry, parameters, mbdSettings());
                double[] omega = new double[geometry.size()];
                for (int i = 0; i < omega.length; i++) {
                    omega[i] = r.screened().omega(i);
                }
                yield new Outcome(r.energy(), null, r.screened().alpha0(), omega);
            }
            case TS -> new Outcome(Mbd.ts(geometry, parameters, TS_SR, TS_D), null, null, null);
            case PLAIN -> new Outcome(Mbd.plain(geometry, parameters, mbdSettings()), null, null, null);
        };
        progress.accept(1);
        return outcome;
    }

    /** The settings as JSON fields (angstrom, hartree). */
    Map<String, Object> settings() {
        Map<String, Object> o = new LinkedHashMap<>();
        switch (method) {
            case LMBD -> {
                o.put("rScs", lmbd.rScs());
                o.put("buffer", lmbd.buffer());
                o.put("rLoc", lmbd.rLoc());
                o.put("rMbd", lmbd.rMbd());
                o.put("rMbd2", lmbd.rMbd2());
                o.put("r2b", lmbd.r2b());
                o.put("nFreq", lmbd.grid().size());
                o.put("omegaMax", lmbd.grid().point(lmbd.grid().size() - 1));
                o.put("order", lmbd.order());
                o.put("log", lmbd.log().name().toLowerCase(Locale.ROOT));
                o.put("lanczos", lmbd.lanczosSteps());
                o.put("omegaRef", lmbd.omegaRef());
                o.put("screening", lmbd.screening().name().toLowerCase(Locale.ROOT));
                o.put("beta", lmbd.beta());
                o.put("a", lmbd.a());
                o.put("grid", lmbd.grid().toString());
            }
            case MBD, PLAIN -> {
                MbdSettings s = mbdSettings();
                o.put("beta", s.beta());
                o.put("a", s.a());
                if (method == Method.MBD) {
                    o.put("grid", s.grid().toString());
                }
            }
            case TS -> {
                o.put("sR", TS_SR);
                o.put("d", TS_D);
            }
        }
        o.put("threads", method == Method.TS ? 1 : threads);
        return o;
    }

    /** The settings in one line of text. */
    String describe() {
        return switch (method) {
            case LMBD -> {
                FrequencyGrid grid = lmbd.grid();
                yield String.format(Locale.ROOT, "r-scs %s A, buffer %s A, r-loc %s A, r-mbd %s A, r-mbd2 %s A, r-2b %s A,"
                        + " %d frequencies to %s Ha, %s log of order %d%s, omega-ref %s, %s screening, beta %s, %s",
                        num(lmbd.rScs()), num(lmbd.buffer()), num(lmbd.rLoc()), num(lmbd.rMbd()), num(lmbd.rMbd2()),
                        num(lmbd.r2b()), grid.size(), num(grid.point(grid.size() - 1)),
                        lmbd.log().name().toLowerCase(Locale.ROOT), lmbd.order(),
                        lmbd.log() == LmbdSettings.Log.FIT ? " (" + lmbd.lanczosSteps() + " Lanczos steps)" : "",
                        num(lmbd.omegaRef()), lmbd.screening().name().toLowerCase(Locale.ROOT), num(lmbd.beta()),
                        threads(threads));
            }
            case MBD -> "beta " + num(beta) + ", a " + num(mbdSettings().a()) + ", screening grid: " + mbdSettings().grid()
                    + ", " + threads(threads);
            case PLAIN -> "beta " + num(beta) + ", a " + num(mbdSettings().a()) + ", " + threads(threads);
            case TS -> "sR " + num(TS_SR) + ", d " + num(TS_D);
        };
    }

    private static String threads(int n) {
        return n == 1 ? "1 thread" : n + " threads";
    }

    /** A setting without a trailing ".0". */
    static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }
}
