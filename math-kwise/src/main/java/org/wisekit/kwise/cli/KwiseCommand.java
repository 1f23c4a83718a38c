package org.wisekit.kwise.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.commons.math3.fraction.BigFraction;
import org.wisekit.harness.Json;
import org.wisekit.harness.Progress;
import org.wisekit.kwise.CertificateChecker;
import org.wisekit.kwise.ClosedForms;
import org.wisekit.kwise.KwiseProblem;
import org.wisekit.kwise.KwiseSolution;
import org.wisekit.kwise.KwiseSolver;
import org.wisekit.kwise.Regime;
import org.wisekit.kwise.internal.Fractions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code wisekit kwise --n N --k K --p A/B}: prints M(n,k,p) as an exact fraction and a decimal, the
 * regime (near-0 formula, near-1 formula, or LP only) and whether the dual certificate checked;
 * {@code --sweep} prints a table over p = 0, 1/S, ..., 1 (progress on stderr); {@code --json} prints one JSON
 * object (an array with {@code --sweep}) instead of text, exact fractions as strings {@code "A/B"} and
 * decimals as numbers. Writes no files. Bad input throws {@link IllegalArgumentException} with a one-line
 * message.
 */
@Command(name = "kwise", mixinStandardHelpOptions = true,
        description = {"Exact M(n,k,p): the largest probability that n k-wise independent Bernoulli(p) bits are all 1.",
                "Solved as an exact rational LP; every value comes with a checked dual certificate."})
public final class KwiseCommand implements Callable<Integer> {

    private static final int DECIMAL_DIGITS = 10;

    @Spec
    CommandSpec spec;

    private final Progress progress;

    @Option(names = "--n", required = true, paramLabel = "N", description = "Number of bits (>= 1).")
    int n;

    @Option(names = "--k", required = true, paramLabel = "K", description = "Independence order (1 <= K <= N).")
    int k;

    @Option(names = "--p", paramLabel = "A/B", description = "Marginal P(X_i = 1) in [0, 1]: a fraction A/B or a decimal.")
    String p;

    @Option(names = "--sweep", description = "Tabulate p = 0, 1/S, ..., 1 instead of one p.")
    boolean sweep;

    @Option(names = "--steps", paramLabel = "S", defaultValue = "20",
            description = "Grid steps for --sweep (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--json", description = "Print JSON (one object, or an array with --sweep).")
    boolean json;

    /** A command whose sweeps report to {@code progress} (one step per grid point). */
    public KwiseCommand(Progress progress) {
        this.progress = progress;
    }

    @Override
    public Integer call() {
        List<KwiseProblem> problems = problems();
        List<KwiseSolution> solutions = new ArrayList<>(problems.size());
        if (sweep) {
            KwiseProblem first = problems.get(0);
            try (Progress.Task task = progress.start("M(" + first.n() + ", " + first.k() + ", p) sweep",
                    problems.size())) {
                for (KwiseProblem problem : problems) {
                    task.status("p = " + Fractions.format(problem.p()));
                    solutions.add(KwiseSolver.solve(problem));
                    task.step();
                }
            }
        } else {
            solutions.add(KwiseSolver.solve(problems.get(0)));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(sweep ? solutions.stream().map(KwiseCommand::json).toList() : json(solutions.get(0))));
        } else if (sweep) {
            printTable(out, solutions);
        } else {
            printOne(out, solutions.get(0));
        }
        out.flush();
        return 0;
    }

    private List<KwiseProblem> problems() {
        if (sweep == (p != null)) {
            throw new IllegalArgumentException(sweep
                    ? "--p and --sweep exclude each other, got --p " + p
                    : "--p is required unless --sweep is given");
        }
        if (!sweep) {
            return List.of(KwiseProblem.of(n, k, p));
        }
        if (steps < 1) {
            throw new IllegalArgumentException("--steps must be >= 1, got " + steps);
        }
        List<KwiseProblem> grid = new ArrayList<>(steps + 1);
        for (int i = 0; i <= steps; i++) {
            grid.add(new KwiseProblem(n, k, new BigFraction(i, steps)));
        }
        return grid;
    }

    private static void printOne(PrintWriter out, KwiseSolution solution) {
        KwiseProblem problem = solution.problem();
        out.println(problem + " = " + Fractions.format(solution.value())
                + " ~ " + Fractions.decimal(solution.value(), DECIMAL_DIGITS));
        Regime regime = ClosedForms.regime(problem);
        out.println("regime:      " + regime.description() + (regime == Regime.EVERY_P ? ""
                : " [near-0 range p <= " + Fractions.format(ClosedForms.nearZeroThreshold(problem.n(), problem.k()))
                        + ", near-1 range p >= " + Fractions.format(ClosedForms.nearOneThreshold(problem.n(), problem.k()))
                        + "; both formulas reconstructed]"));
        out.println("certificate: " + (solution.verified()
                ? "verified (dual polynomial >= 0 on {0.." + (problem.n() - 1) + "}, P(" + problem.n()
                        + ") >= 1, equal objectives)"
                : "FAILED: " + CertificateChecker.violation(problem, solution.value(), solution.distribution(),
                        solution.certificate()).orElse("")));
        List<String> support = new ArrayList<>();
        for (int s = 0; s <= problem.n(); s++) {
            BigFraction q = solution.distribution().get(s);
            if (q.getNumerator().signum() != 0) {
                support.add("P(S=" + s + ") = " + Fractions.format(q));
            }
        }
        out.println("law of S:    " + String.join(", ", support));
    }

    private static void printTable(PrintWriter out, List<KwiseSolution> solutions) {
        KwiseProblem first = solutions.get(0).problem();
        out.println("M(" + first.n() + ", " + first.k() + ", p) for p = 0, 1/" + (solutions.size() - 1) + ", ..., 1");
        out.printf("%-10s %-28s %-18s %-10s %s%n", "p", "M", "decimal", "regime", "certificate");
        for (KwiseSolution s : solutions) {
            out.printf("%-10s %-28s %-18s %-10s %s%n", Fractions.format(s.problem().p()), Fractions.format(s.value()),
                    Fractions.decimal(s.value(), DECIMAL_DIGITS), shortName(ClosedForms.regime(s.problem())),
                    s.verified() ? "verified" : "FAILED");
        }
    }

    private static String shortName(Regime regime) {
        return switch (regime) {
            case EVERY_P -> "every-p";
            case NEAR_ZERO -> "near-0";
            case NEAR_ONE -> "near-1";
            case LP_ONLY -> "LP-only";
        };
    }

    /** One object built from fields; exact fractions are strings "A/B", decimals are numbers. */
    static Map<String, Object> json(KwiseSolution s) {
        KwiseProblem problem = s.problem();
        Regime regime = ClosedForms.regime(problem);
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("n", problem.n());
        o.put("k", problem.k());
        o.put("p", Fractions.format(problem.p()));
        o.put("m", Fractions.format(s.value()));
        o.put("decimal", Fractions.toDouble(s.value()));
        o.put("regime", regime.name());
        o.put("nearZeroThreshold", regime == Regime.EVERY_P ? null
                : Fractions.format(ClosedForms.nearZeroThreshold(problem.n(), problem.k())));
        o.put("nearOneThreshold", regime == Regime.EVERY_P ? null
                : Fractions.format(ClosedForms.nearOneThreshold(problem.n(), problem.k())));
        o.put("certificateVerified", s.verified());
        o.put("distribution", s.distribution().stream().map(Fractions::format).toList());
        o.put("dual", s.certificate().coefficients().stream().map(Fractions::format).toList());
        o.put("pivots", s.pivots());
        return o;
    }
}
