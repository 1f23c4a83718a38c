package org.wisekit.fhe.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wisekit.fhe.bgv.BgvParameters;
import org.wisekit.fhe.bgv.SecurityEstimate;
import org.wisekit.fhe.compare.Stage;
import org.wisekit.fhe.compare.WordFormat;

/** Fields the {@code fhe} subcommands' {@code --json} objects share, as maps for {@code Json.write}. */
final class FheJson {

    private FheJson() {
    }

    /** The security estimates; {@code heStandardBits} null where the HE standard's table has no row for the ring. */
    static Map<String, Object> security(BgvParameters parameters, int targetBits) {
        SecurityEstimate security = parameters.security();
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("secure", targetBits > 0);
        map.put("targetBits", targetBits);
        map.put("heStandardBits", Double.isNaN(security.heStandardBits()) ? null : round(security.heStandardBits()));
        map.put("helibBits", round(security.helibBits()));
        map.put("log2Q", round(parameters.log2Modulus(parameters.maxLevel())));
        map.put("log2QP", round(security.log2Modulus()));
        map.put("ringDimension", security.ringDimension());
        map.put("label", security.label());
        return map;
    }

    static Map<String, Object> format(WordFormat format) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("wordBits", format.wordBits());
        map.put("digitBase", format.base());
        map.put("digitsPerSlot", format.digitsPerSlot());
        map.put("slotsPerWord", format.slotsPerWord());
        return map;
    }

    /** The stage log without exact budgets (a server has no secret key to measure them). */
    static List<Map<String, Object>> stages(List<Stage> stages) {
        return stages.stream().map(stage -> {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("name", stage.name());
            map.put("level", stage.level());
            map.put("estimatedBudgetBits", round(stage.estimatedBudget()));
            map.put("millis", round(stage.millisAtEnd()));
            return map;
        }).toList();
    }

    /** Operation counts as "name=value" pairs for the text output. */
    static String counts(org.wisekit.fhe.bgv.OperationCounts c) {
        return "additions=" + c.additions() + ", plaintextMultiplications=" + c.plaintextMultiplications()
                + ", multiplications=" + c.multiplications() + ", relinearizations=" + c.relinearizations()
                + ", keySwitches=" + c.keySwitches() + ", automorphisms=" + c.automorphisms() + ", modulusSwitches="
                + c.modulusSwitches() + ", transforms=" + c.transforms();
    }

    /** One decimal, as the text output shows it. */
    static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
