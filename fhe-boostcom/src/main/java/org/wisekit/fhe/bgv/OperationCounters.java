package org.wisekit.fhe.bgv;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what an {@link Evaluator} does, for circuits that report their cost: ciphertext and plaintext
 * multiplications, relinearizations, key switches, automorphisms, modulus switches, and the length-m
 * transforms (one per prime row, Bluestein or negacyclic NTT) that dominate the time. Thread-safe.
 */
public final class OperationCounters {

    private final LongAdder additions = new LongAdder();
    private final LongAdder plaintextMultiplications = new LongAdder();
    private final LongAdder multiplications = new LongAdder();
    private final LongAdder relinearizations = new LongAdder();
    private final LongAdder keySwitches = new LongAdder();
    private final LongAdder automorphisms = new LongAdder();
    private final LongAdder modulusSwitches = new LongAdder();
    private final LongAdder transforms = new LongAdder();

    void addAddition() {
        additions.increment();
    }

    void addPlaintextMultiplication() {
        plaintextMultiplications.increment();
    }

    void addMultiplication() {
        multiplications.increment();
    }

    void addRelinearization() {
        relinearizations.increment();
    }

    void addKeySwitch() {
        keySwitches.increment();
    }

    void addAutomorphism() {
        automorphisms.increment();
    }

    void addModulusSwitch() {
        modulusSwitches.increment();
    }

    void addTransforms(long count) {
        transforms.add(count);
    }

    /** The counts so far. */
    public OperationCounts snapshot() {
        return new OperationCounts(additions.sum(), plaintextMultiplications.sum(), multiplications.sum(),
                relinearizations.sum(), keySwitches.sum(), automorphisms.sum(), modulusSwitches.sum(), transforms.sum());
    }

    public void reset() {
        for (LongAdder adder : new LongAdder[] {additions, plaintextMultiplications, multiplications, relinearizations,
                keySwitches, automorphisms, modulusSwitches, transforms}) {
            adder.reset();
        }
    }
}
