package org.wisekit.sched;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A job trace, jobs sorted by arrival time then id.
 *
 * @param name    where it came from (file name or generator)
 * @param jobs    the jobs
 * @param mapping how the source's job descriptions were mapped onto throughput-table job types (empty when
 *                the source uses those types already); said in reports
 */
public record Trace(String name, List<Job> jobs, String mapping) {

    public Trace {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        List<Job> sorted = new ArrayList<>(jobs);
        sorted.sort(Comparator.comparingDouble(Job::arrivalSeconds).thenComparingInt(Job::id));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).id() == sorted.get(i - 1).id()) {
                throw new IllegalArgumentException("duplicate job id " + sorted.get(i).id() + " in trace " + name);
            }
        }
        jobs = List.copyOf(sorted);
        mapping = mapping == null ? "" : mapping;
    }

    /**
     * The same jobs with inter-arrival times divided by {@code loadFactor} (> 0): 2 means jobs arrive twice
     * as fast. The first arrival stays where it is.
     */
    public Trace withLoad(double loadFactor) {
        if (!(loadFactor > 0) || Double.isInfinite(loadFactor)) {
            throw new IllegalArgumentException("loadFactor must be finite and > 0, got " + loadFactor);
        }
        if (jobs.isEmpty()) {
            return this;
        }
        double first = jobs.get(0).arrivalSeconds();
        return new Trace(name, jobs.stream().map(j -> j.arrivingAt(first + (j.arrivalSeconds() - first) / loadFactor)).toList(),
                mapping);
    }
}
