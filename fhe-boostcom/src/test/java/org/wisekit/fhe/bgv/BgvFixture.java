package org.wisekit.fhe.bgv;

import java.util.SplittableRandom;
import org.wisekit.fhe.slots.SlotVector;

/** Seeded keys and helpers over one parameter set, for tests only (deterministic keys are insecure). */
final class BgvFixture {

    static final int[] SHIFTS = {1, -1, 5, -7};
    static final int[] ROTATIONS = {3, -2};

    final BgvParameters parameters;
    final SecretKey secretKey;
    final PublicKey publicKey;
    final EvaluationKeys evaluationKeys;
    final Encoder encoder;
    final Encryptor encryptor;
    final Decryptor decryptor;
    final Evaluator evaluator;
    final SplittableRandom random;

    BgvFixture(BgvParameters parameters, long seed, int[] shifts, int[] rotations) {
        this.parameters = parameters;
        this.random = new SplittableRandom(seed);
        KeyGenerator generator = KeyGenerator.withRandomness(parameters, random.split());
        secretKey = generator.secretKey();
        publicKey = generator.publicKey(secretKey);
        evaluationKeys = generator.evaluationKeys(secretKey,
                GaloisElements.forSlotOperations(parameters, shifts, rotations));
        encoder = new Encoder(parameters);
        encryptor = new Encryptor(publicKey, random.split());
        decryptor = new Decryptor(secretKey);
        evaluator = new Evaluator(parameters, evaluationKeys);
    }

    static BgvFixture t0(long seed) {
        return new BgvFixture(ParameterTier.T0.insecureParameters(), seed, SHIFTS, ROTATIONS);
    }

    SlotVector randomSlots() {
        return SlotVector.random(encoder.field(), encoder.slotCount(), random);
    }

    SlotVector randomIntegerSlots() {
        return SlotVector.randomIntegers(encoder.field(), encoder.slotCount(), random);
    }

    Ciphertext encrypt(SlotVector values) {
        return encryptor.encrypt(encoder.encode(values));
    }

    SlotVector decrypt(Ciphertext ciphertext) {
        return encoder.decode(decryptor.decrypt(ciphertext));
    }
}
