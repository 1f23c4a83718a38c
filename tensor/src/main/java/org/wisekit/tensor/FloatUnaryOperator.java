package org.wisekit.tensor;

/** A function from float to float, for {@link Tensor#map}; primitive, so nothing is boxed. */
@FunctionalInterface
public interface FloatUnaryOperator {

    float applyAsFloat(float x);
}
