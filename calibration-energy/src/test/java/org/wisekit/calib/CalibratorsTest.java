package org.wisekit.calib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saving and loading fitted calibrations: exact round trips for every method, and malformed files. */
class CalibratorsTest {

    private static final Logits VALIDATION = SyntheticLogits.sample(600, 4, 3.0, 2.0, 81);
    private static final Logits TEST = SyntheticLogits.sample(300, 4, 3.0, 2.0, 82);
    private static final Logits OOD = SyntheticLogits.outOfDistribution(60, 4, 1.0, 83);
    private static final Logits BINARY_VAL = SyntheticLogits.sample(400, 2, 3.0, 2.0, 84);
    private static final Logits BINARY_TEST = SyntheticLogits.sample(200, 2, 3.0, 2.0, 85);

    @TempDir
    Path dir;

    @Test
    void everyMethodLoadsBackToTheSameProbabilities() {
        for (Method method : Method.values()) {
            boolean binary = method == Method.BETA;
            Logits val = binary ? BINARY_VAL : VALIDATION;
            Logits test = binary ? BINARY_TEST : TEST;
            Logits ood = binary ? Logits.empty(2) : OOD;
            FittedCalibration fitted = Calibrators.fit(method, val, ood);
            Path file = dir.resolve(method.id() + ".json");
            Calibrators.save(fitted, file);
            FittedCalibration loaded = Calibrators.load(file);
            assertThat(loaded.method()).isEqualTo(method);
            assertThat(loaded.classes()).isEqualTo(val.classes());
            assertThat(loaded.calibration().getClass()).isEqualTo(fitted.calibration().getClass());
            assertThat(loaded.apply(test).values()).as(method.id()).isEqualTo(fitted.apply(test).values());
            assertThat(loaded.calibration().describe()).isEqualTo(fitted.calibration().describe());
            // a second save gives the same text
            assertThat(Calibrators.toJson(loaded)).isEqualTo(Calibrators.toJson(fitted));
        }
    }

    @Test
    void awkwardDoublesRoundTripExactly() {
        double[] awkward = {0.1, 1.0 / 3, -0.0, 4.9e-324, 1e-300, 123456789.123456789, Math.PI * 1e20, -2.5e-17};
        double[] bias = {Math.E, -1e-10, 7, 0.30000000000000004};
        LinearCalibration linear = new LinearCalibration("Vector", LinearCalibration.Input.LOGITS, 4,
                java.util.Arrays.copyOf(awkward, 4), bias);
        FittedCalibration fitted = new FittedCalibration(Method.VECTOR, 4, linear);
        LinearCalibration back = (LinearCalibration) Calibrators.fromJson(Calibrators.toJson(fitted), "x").calibration();
        for (int i = 0; i < 4; i++) {
            assertThat(Double.doubleToRawLongBits(back.weights()[i])).isEqualTo(Double.doubleToRawLongBits(awkward[i]));
            assertThat(back.bias()[i]).isEqualTo(bias[i]);
        }
        FittedCalibration matrix = new FittedCalibration(Method.MATRIX, 2, new LinearCalibration("Matrix",
                LinearCalibration.Input.LOGITS, 2, java.util.Arrays.copyOfRange(awkward, 4, 8), new double[] {0, 1}));
        assertThat(((LinearCalibration) Calibrators.fromJson(Calibrators.toJson(matrix), "x").calibration()).weights())
                .isEqualTo(java.util.Arrays.copyOfRange(awkward, 4, 8));
    }

    @Test
    void theFileNamesFormatVersionMethodClassesAndParameters() throws IOException {
        Path file = dir.resolve("ts.json");
        Calibrators.save(Calibrators.fit(Method.TS, VALIDATION, Logits.empty(4)), file);
        String text = Files.readString(file);
        assertThat(text).contains("\"format\": \"wisekit-calibrator\"", "\"version\": 1", "\"method\": \"ts\"",
                "\"classes\": 4", "\"type\": \"temperature\"", "\"temperature\": ");
    }

    @Test
    void applyRefusesLogitsWithAnotherClassCount() {
        FittedCalibration fitted = Calibrators.fit(Method.TS, VALIDATION, Logits.empty(4));
        assertThatThrownBy(() -> fitted.apply(BINARY_TEST))
                .hasMessageContaining("fitted on 4 classes, the logits have 2");
        assertThatThrownBy(() -> Calibrators.fit(Method.BETA, VALIDATION, Logits.empty(4)))
                .hasMessageContaining("beta does not support 4 classes");
        assertThatThrownBy(() -> Calibrators.fit(Method.TS, new VectorScaling(), VALIDATION, Logits.empty(4), FitListener.NONE))
                .hasMessageContaining("a LinearCalibration is not what method ts fits");
        assertThatThrownBy(() -> new FittedCalibration(Method.VECTOR, 4, new MatrixScaling(0).fit(VALIDATION)))
                .hasMessageContaining("does not fit method vector");
        assertThatThrownBy(() -> new FittedCalibration(Method.BETA, 3, new BetaCalibration(1, 1, 0)))
                .hasMessageContaining("2 classes, not 3");
    }

    private static final String GOOD = """
            {"format": "wisekit-calibrator", "version": 1, "method": "ts", "classes": 3, "type": "temperature",
             "parameters": {"temperature": 1.5}}""";

    private void assertBad(String text, String... fragments) throws IOException {
        Path file = Files.writeString(dir.resolve("bad.json"), text);
        assertThatThrownBy(() -> Calibrators.load(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(file.toString() + ": ").hasMessageContainingAll(fragments)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void malformedFilesNameTheFileAndTheProblem() throws IOException {
        assertThat(Calibrators.fromJson(GOOD, "good").calibration()).isEqualTo(new TemperatureCalibration(1.5));
        assertBad("", "not a calibrator file", "invalid JSON");
        assertBad("{\"format\": ", "invalid JSON");
        assertBad("[1, 2]", "invalid JSON");
        assertBad(GOOD.replace("wisekit-calibrator", "other"), "format is 'other'");
        assertBad(GOOD.replace("\"version\": 1", "\"version\": 2"), "version 2 is not supported");
        assertBad(GOOD.replace("\"version\": 1", "\"version\": \"one\""), "field 'version' must be a number");
        assertBad(GOOD.replace("\"ts\"", "\"platt\""), "unknown method 'platt'");
        assertBad(GOOD.replace("\"classes\": 3", "\"classes\": 1"), "classes is 1, must be >= 2");
        assertBad(GOOD.replace("\"classes\": 3", "\"classes\": 2.5"), "field 'classes' must be an integer");
        assertBad(GOOD.replace("\"type\": \"temperature\"", "\"type\": \"linear\""), "type 'linear' does not match method 'ts'");
        assertBad(GOOD.replace("\"temperature\": 1.5", "\"t\": 1.5"), "missing field 'temperature'");
        assertBad(GOOD.replace("1.5", "-1.5"), "invalid parameters", "temperature must be finite and > 0");
        assertBad(GOOD.replace("1.5", "\"NaN\""), "field 'temperature' must be a number");
        assertBad(GOOD.replace("\"parameters\"", "\"params\""), "missing field 'parameters'");
        assertBad(GOOD.replace("{\"temperature\": 1.5}", "[1.5]"), "field 'parameters' must be an object");
        String vector = """
                {"format": "wisekit-calibrator", "version": 1, "method": "vector", "classes": 3, "type": "linear",
                 "parameters": {"name": "Vector", "input": "LOGITS", "weights": [1, 1, 1], "bias": [0, 0, 0]}}""";
        assertThat(Calibrators.fromJson(vector, "v").classes()).isEqualTo(3);
        assertBad(vector.replace("[1, 1, 1]", "[1, 1]"), "weights must hold 3 (diagonal) or 9 (full) entries, got 2");
        assertBad(vector.replace("[0, 0, 0]", "[0, \"x\", 0]"), "field 'bias'[1] must be a finite number");
        assertBad(vector.replace("LOGITS", "PIXELS"), "parameters.input must be LOGITS or LOG_PROBABILITIES");
        assertBad(vector.replace("\"vector\"", "\"matrix\""), "weights has 3 entries, expected 9 for method matrix");
        String hist = """
                {"format": "wisekit-calibrator", "version": 1, "method": "hist", "classes": 3, "type": "histogram",
                 "parameters": {"bins": 2, "values": [0.1, 0.9, 0.2, 0.8, 0.3, 0.7]}}""";
        assertThat(Calibrators.fromJson(hist, "h").calibration()).isInstanceOf(HistogramCalibration.class);
        assertBad(hist.replace("\"classes\": 3", "\"classes\": 2"), "holds 3 classes of bins, expected 2");
        assertBad(hist.replace("0.9", "1.9"), "bin values must lie in [0, 1]");
        assertBad(GOOD.replace("\"ts\"", "\"beta\"").replace("temperature\"", "beta\"")
                .replace("{\"beta\": 1.5}", "{\"a\": 1, \"b\": 1, \"c\": 0}"), "a Beta calibration has 2 classes");
        String iso = """
                {"format": "wisekit-calibrator", "version": 1, "method": "irova", "classes": 3, "type": "isotonic",
                 "parameters": {"name": "IROvA", "temperature": 1, "maps": [{"x": [0.1, 0.5], "y": [0.2, 0.1]}]}}""";
        assertBad(iso, "invalid parameters", "y must not decrease");
        assertBad(iso.replace("{\"x\"", "7, {\"x\""), "parameters.maps[0] is not an object");
    }

    @Test
    void missingOrBinaryFilesAreClearErrors() throws IOException {
        Path missing = dir.resolve("nope.json");
        assertThatThrownBy(() -> Calibrators.load(missing)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(missing + ": no such file");
        Path binary = Files.write(dir.resolve("bin.json"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2});
        assertThatThrownBy(() -> Calibrators.load(binary)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(binary + ": not a calibrator file");
    }
}
