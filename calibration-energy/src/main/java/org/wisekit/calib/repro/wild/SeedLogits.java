package org.wisekit.calib.repro.wild;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.wisekit.calib.Logits;
import org.wisekit.calib.shift.Corruption;

/**
 * Every logit set of one trained classifier: ID validation and test, OOD tuning and test, and the test
 * set under each corruption at severities 1..5.
 *
 * @param validation ID validation (fit set)
 * @param test       ID test (level 0)
 * @param oodTuning  semantic-OOD tuning rows (labels {@link Logits#NO_CLASS})
 * @param oodTest    semantic-OOD test rows (level 6)
 * @param corrupted  per corruption, the test set at severities 1..5 (list index = severity - 1)
 */
public record SeedLogits(Logits validation, Logits test, Logits oodTuning, Logits oodTest,
                         Map<Corruption, List<Logits>> corrupted) {

    public SeedLogits {
        corrupted = new EnumMap<>(corrupted);
        for (Corruption c : Corruption.values()) {
            if (!corrupted.containsKey(c) || corrupted.get(c).size() != Corruption.MAX_SEVERITY) {
                throw new IllegalArgumentException("need " + Corruption.MAX_SEVERITY + " severities of " + c.id());
            }
        }
        corrupted.replaceAll((c, list) -> List.copyOf(list));
    }

    /** The test set under {@code corruption} at {@code severity} (1..5). */
    public Logits corrupted(Corruption corruption, int severity) {
        return corrupted.get(corruption).get(severity - 1);
    }
}
