package org.wisekit.harness;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.regex.Pattern;

/** The reproductions registered on the classpath, and selection by id, module or "all". */
public final class Reproductions {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*/[a-z0-9][a-z0-9-]*");

    private final List<Reproduction> all;

    private Reproductions(List<Reproduction> all) {
        Set<String> seen = new HashSet<>();
        for (Reproduction r : all) {
            if (r.id() == null || !ID.matcher(r.id()).matches()) {
                throw new IllegalStateException(r.getClass().getName() + " has an invalid id '" + r.id()
                        + "' (expected module/name in lower case)");
            }
            if (!seen.add(r.id())) {
                throw new IllegalStateException("two reproductions share the id " + r.id());
            }
        }
        this.all = all.stream().sorted(Comparator.comparing(Reproduction::id)).toList();
    }

    /** Everything ServiceLoader finds. */
    public static Reproductions discover() {
        List<Reproduction> found = new ArrayList<>();
        ServiceLoader.load(Reproduction.class).forEach(found::add);
        return new Reproductions(found);
    }

    public static Reproductions of(List<Reproduction> reproductions) {
        return new Reproductions(List.copyOf(reproductions));
    }

    /** All reproductions, sorted by id. */
    public List<Reproduction> all() {
        return all;
    }

    /**
     * {@code "all"}, an exact id ({@code module/name}) or a module name. An unknown target is an
     * IllegalArgumentException that says how to list the known ones.
     */
    public List<Reproduction> select(String target) {
        if (target == null || target.isBlank()) {
            throw new IllegalArgumentException("no reproduction given; use an id, a module or 'all' (see 'wisekit list')");
        }
        if (target.equals("all")) {
            return all;
        }
        List<Reproduction> hits = all.stream()
                .filter(r -> r.id().equals(target) || r.module().equals(target)).toList();
        if (hits.isEmpty()) {
            throw new IllegalArgumentException("unknown reproduction or module '" + target + "' (see 'wisekit list')");
        }
        return hits;
    }
}
