package org.wisekit.fhe.bgv;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The automorphism exponents k (X -&gt; X^k) whose keys the slot operations of {@link Evaluator} need, for
 * {@link KeyGenerator#evaluationKeys}. Stateless.
 */
public final class GaloisElements {

    private GaloisElements() {
    }

    /** g^-s for {@link Evaluator#shift} by s. */
    public static long shift(BgvParameters parameters, int s) {
        return parameters.slots().shiftElement(s);
    }

    /** g^-r and g^(l-r), r = s mod l, for {@link Evaluator#rotate} by s. */
    public static List<Long> rotation(BgvParameters parameters, int s) {
        int slots = parameters.slots().slotCount();
        int r = Math.floorMod(s, slots);
        return r == 0 ? List.of() : List.of(parameters.slots().shiftElement(r), parameters.slots().shiftElement(r - slots));
    }

    /** p^j for {@link Evaluator#frobenius} by j. */
    public static long frobenius(BgvParameters parameters, int j) {
        return parameters.slots().frobeniusElement(j);
    }

    /** The elements for shifts by each of {@code shifts}, rotations by each of {@code rotations} and all Frobenius powers. */
    public static Set<Long> forSlotOperations(BgvParameters parameters, int[] shifts, int[] rotations) {
        Set<Long> elements = new TreeSet<>();
        for (int s : shifts) {
            elements.add(shift(parameters, s));
        }
        for (int s : rotations) {
            elements.addAll(rotation(parameters, s));
        }
        for (int j = 1; j < parameters.slots().degree(); j++) {
            elements.add(frobenius(parameters, j));
        }
        return elements;
    }
}
