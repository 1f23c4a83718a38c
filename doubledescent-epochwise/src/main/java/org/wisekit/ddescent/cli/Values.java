package org.wisekit.ddescent.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.wisekit.ddescent.ConditionReport;
import org.wisekit.ddescent.DoubleDescent;
import org.wisekit.ddescent.Mode;

/** JSON fields and text lines shared by the commands (null for what was not measured). */
final class Values {

    private Values() {
    }

    /** A finite value, or null (JSON has no NaN). */
    static Double num(double v) {
        return Double.isFinite(v) ? v : null;
    }

    static Map<String, Object> detection(DoubleDescent.Detection d) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("appendixDoubleDescent", d.doubleDescent());
        o.put("secondDescent", d.secondDescent());
        o.put("count", d.count());
        o.put("fullCount", d.fullCount());
        o.put("dipTime", num(d.dipTime()));
        o.put("peakTime", num(d.peakTime()));
        return o;
    }

    static Map<String, Object> conditions(ConditionReport c) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("c1", c.c1());
        o.put("c2", c.c2());
        o.put("overfittingModes", c.overfittingModes());
        List<Double> crossing = new ArrayList<>();
        for (double t : c.crossingTimes()) {
            crossing.add(num(t));
        }
        o.put("crossingTimes", crossing);
        o.put("c2Mode", c.c2Mode() < 0 ? null : c.c2Mode());
        o.put("c2Partner", c.c2Partner() < 0 ? null : c.c2Partner());
        o.put("c2Time", num(c.c2Time()));
        return o;
    }

    static Map<String, Object> mode(Mode m) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("sigma", m.sigma());
        o.put("lambda", m.lambda());
        o.put("lambdaTest", m.lambdaTest());
        o.put("zTarget", m.zTarget());
        o.put("zInfinity", m.zInfinity());
        o.put("z0", m.z0());
        return o;
    }

    static String yes(boolean b) {
        return b ? "yes" : "no";
    }

    /** "appendix DD yes (count 1), second descent no (dip t = 3.2)". */
    static String detectionLine(DoubleDescent.Detection d) {
        StringBuilder s = new StringBuilder();
        s.append("appendix DD ").append(yes(d.doubleDescent())).append(" (count ").append(d.count())
                .append("), second descent ").append(yes(d.secondDescent()));
        if (d.dipIndex() >= 0) {
            s.append(String.format(Locale.ROOT, " (first dip t = %.4g", d.dipTime()));
            if (d.peakIndex() >= 0) {
                s.append(String.format(Locale.ROOT, ", peak t = %.4g", d.peakTime()));
            }
            s.append(')');
        }
        return s.toString();
    }

    /** "C1 yes (overfitting modes [0]), C2 no". */
    static String conditionsLine(ConditionReport c) {
        return "C1 " + yes(c.c1()) + (c.c1() ? " (overfitting modes " + c.overfittingModes() + ")" : "") + ", C2 "
                + yes(c.c2()) + (c.c2() ? String.format(Locale.ROOT, " (mode %d rising at t = %.4g while mode %d"
                        + " descends)", c.c2Mode(), c.c2Time(), c.c2Partner()) : "");
    }

    /** Shortest round-trip decimal, or an empty field for a value that was not computed. */
    static String csv(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "";
    }
}
