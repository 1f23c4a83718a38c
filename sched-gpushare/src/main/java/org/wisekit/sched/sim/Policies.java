package org.wisekit.sched.sim;

import java.util.List;

/** The built-in policies, by id. */
public final class Policies {

    private record Builtin(String id, boolean knowsDurations, boolean preemptive, Order order, Placement placement)
            implements Policy {
        @Override
        public boolean shares() {
            return placement != Placement.EXCLUSIVE;
        }
    }

    private static final List<Policy> ALL = List.of(
            new Builtin("fifo", false, false, Policy.Order.ARRIVAL, Policy.Placement.EXCLUSIVE),
            new Builtin("sjf", true, false, Policy.Order.REMAINING_TIME, Policy.Placement.EXCLUSIVE),
            new Builtin("srtf", true, true, Policy.Order.REMAINING_TIME, Policy.Placement.EXCLUSIVE),
            new Builtin("tiresias", false, true, Policy.Order.TWO_QUEUE_LAS, Policy.Placement.EXCLUSIVE),
            new Builtin("sjf-ffs", true, false, Policy.Order.REMAINING_TIME, Policy.Placement.FIRST_FIT_SHARING),
            new Builtin("sjf-bsbf", true, false, Policy.Order.REMAINING_TIME, Policy.Placement.BEST_BENEFIT_SHARING),
            new Builtin("sjf-bsbf-consolidated", true, false, Policy.Order.REMAINING_TIME,
                    Policy.Placement.BEST_BENEFIT_SHARING_CONSOLIDATED));

    private Policies() {
    }

    /** The policy with this id (case-insensitive); IllegalArgumentException listing the known ids otherwise. */
    public static Policy byId(String id) {
        String key = id == null ? "" : id.trim().toLowerCase(java.util.Locale.ROOT);
        for (Policy p : ALL) {
            if (p.id().equals(key)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown policy '" + id + "' (known: " + String.join(", ", ids()) + ")");
    }

    /** Every built-in id: fifo, sjf, srtf, tiresias, sjf-ffs, sjf-bsbf, sjf-bsbf-consolidated. */
    public static List<String> ids() {
        return ALL.stream().map(Policy::id).toList();
    }

    /** Every built-in policy, in {@link #ids()} order. */
    public static List<Policy> all() {
        return ALL;
    }
}
