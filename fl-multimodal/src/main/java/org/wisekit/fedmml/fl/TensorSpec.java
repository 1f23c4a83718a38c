package org.wisekit.fedmml.fl;

import java.util.Arrays;

/** The name and shape of one tensor of a model state. */
public record TensorSpec(String name, int[] shape) {

    public TensorSpec {
        if (name == null || name.isEmpty() || shape == null) {
            throw new IllegalArgumentException("tensor spec needs a name and a shape, got " + name);
        }
        for (int d : shape) {
            if (d <= 0) {
                throw new IllegalArgumentException("tensor " + name + ": dimensions must be > 0, got " + Arrays.toString(shape));
            }
        }
        shape = shape.clone();
    }

    public long elements() {
        return elements(shape);
    }

    static long elements(int[] shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorSpec t && t.name.equals(name) && Arrays.equals(t.shape, shape);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}
