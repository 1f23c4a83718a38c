package org.wisekit.fedmml.fl;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A model state as named float32 tensors in insertion order: the unit the federated runtime exchanges.
 * Mutable (a client trains its tensors in place); {@link #copy()} and {@link #subset} copy the values.
 */
public final class NamedTensors {

    private final Map<String, float[]> values = new LinkedHashMap<>();
    private final Map<String, int[]> shapes = new LinkedHashMap<>();

    /** Adds or replaces {@code name}; {@code data} is kept, not copied, and must hold prod(shape) values. */
    public NamedTensors put(String name, int[] shape, float[] data) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("tensor name must be non-empty, got " + name);
        }
        if (shape == null || data == null || TensorSpec.elements(shape) != data.length) {
            throw new IllegalArgumentException("tensor " + name + ": shape " + Arrays.toString(shape) + " does not hold "
                    + (data == null ? "null" : data.length) + " values");
        }
        values.put(name, data);
        shapes.put(name, shape.clone());
        return this;
    }

    public boolean contains(String name) {
        return values.containsKey(name);
    }

    /** The values of {@code name} (shared, not copied). */
    public float[] get(String name) {
        float[] v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no tensor named " + name);
        }
        return v;
    }

    public int[] shape(String name) {
        get(name);
        return shapes.get(name).clone();
    }

    public Set<String> names() {
        return Collections.unmodifiableSet(values.keySet());
    }

    public int size() {
        return values.size();
    }

    /** Names and shapes, in order. */
    public List<TensorSpec> specs() {
        return values.keySet().stream().map(n -> new TensorSpec(n, shapes.get(n))).toList();
    }

    /** Total number of values. */
    public long elements() {
        long n = 0;
        for (float[] v : values.values()) {
            n += v.length;
        }
        return n;
    }

    /** A deep copy. */
    public NamedTensors copy() {
        return subset(values.keySet());
    }

    /** A deep copy of the named tensors, in this state's order. */
    public NamedTensors subset(Collection<String> names) {
        NamedTensors out = new NamedTensors();
        for (String n : values.keySet()) {
            if (names.contains(n)) {
                out.put(n, shapes.get(n), values.get(n).clone());
            }
        }
        for (String n : names) {
            get(n);
        }
        return out;
    }

    /** Copies every tensor of {@code other} into this state (adding names this state lacks). */
    public void overwrite(NamedTensors other) {
        for (String n : other.names()) {
            put(n, other.shapes.get(n), other.values.get(n).clone());
        }
    }

    /** True when both hold the same names, shapes and bit-identical values. */
    public boolean bitEquals(NamedTensors other) {
        if (!values.keySet().equals(other.values.keySet())) {
            return false;
        }
        for (String n : values.keySet()) {
            if (!Arrays.equals(shapes.get(n), other.shapes.get(n)) || !Arrays.equals(values.get(n), other.values.get(n))) {
                return false;
            }
        }
        return true;
    }
}
