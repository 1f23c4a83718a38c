package org.wisekit.calib;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.json.JSONArray;
import org.json.JSONException;
import org.json.JSONObject;
import org.wisekit.datasets.io.AtomicFiles;

/**
 * Fit once, apply later: fits a {@link Method} and saves the fitted calibration as JSON, or loads one back.
 *
 * <p>The file is one JSON object:
 * <pre>
 * {"format": "wisekit-calibrator", "version": 1, "method": "ts", "classes": 10, "type": "temperature",
 *  "parameters": {"temperature": 1.84}}
 * </pre>
 * {@code type} and {@code parameters} by kind of calibration:
 * <ul>
 *   <li>{@code uncalibrated}: none;</li>
 *   <li>{@code temperature}: {@code temperature};</li>
 *   <li>{@code ensemble}: {@code temperature, weightScaled, weightRaw, weightUniform};</li>
 *   <li>{@code isotonic}: {@code name, temperature, maps: [{x: [...], y: [...]}, ...]} (one map, or one per class);</li>
 *   <li>{@code energy}: {@code temperature, thetaCorrect, thetaIncorrect, correctEnergy: {mean, sd},
 *       incorrectEnergy: {mean, sd}};</li>
 *   <li>{@code histogram}: {@code bins, values} (K x bins, row-major);</li>
 *   <li>{@code linear}: {@code name, input} ({@code LOGITS} or {@code LOG_PROBABILITIES}), {@code weights}
 *       (K diagonal entries, or K x K row-major), {@code bias} (K);</li>
 *   <li>{@code beta}: {@code a, b, c}.</li>
 * </ul>
 * Numbers are written with Java's shortest round-trip form, so a loaded calibration gives exactly the
 * probabilities of the saved one. Reading checks everything: a bad file is an
 * {@link IllegalArgumentException} naming the file and what is wrong.
 */
public final class Calibrators {

    /** The {@code format} field. */
    public static final String FORMAT = "wisekit-calibrator";
    /** The {@code version} field this code writes and reads. */
    public static final int VERSION = 1;

    private Calibrators() {
    }

    /** Fits {@code method}'s default calibrator on {@code validation} (and {@code oodTuning} where it uses them). */
    public static FittedCalibration fit(Method method, Logits validation, Logits oodTuning) {
        return fit(method, method.calibrator(), validation, oodTuning, FitListener.NONE);
    }

    /**
     * Fits {@code calibrator} (a variant of {@code method}'s, e.g. another bin count or penalty) and records
     * it as {@code method}.
     */
    public static FittedCalibration fit(Method method, Calibrator calibrator, Logits validation, Logits oodTuning,
                                        FitListener listener) {
        if (!method.supports(validation.classes())) {
            throw new IllegalArgumentException("method " + method.id() + " does not support " + validation.classes()
                    + " classes");
        }
        return new FittedCalibration(method, validation.classes(), calibrator.fit(validation, oodTuning, listener));
    }

    /** Writes {@code fitted} to {@code file} as JSON, atomically. */
    public static void save(FittedCalibration fitted, Path file) {
        AtomicFiles.writeString(file, toJson(fitted));
    }

    /** Reads a calibration that {@link #save} wrote. */
    public static FittedCalibration load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new IllegalArgumentException(file + ": not a calibrator file (not UTF-8 text)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return fromJson(text, file.toString());
    }

    /** {@code fitted} as the JSON text {@link #save} writes (fields in a fixed order, numeric arrays on one line). */
    public static String toJson(FittedCalibration fitted) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("method", fitted.method().id());
        root.put("classes", fitted.classes());
        Map<String, Object> parameters = new LinkedHashMap<>();
        String type;
        Calibration c = fitted.calibration();
        if (c instanceof Uncalibrated) {
            type = "uncalibrated";
        } else if (c instanceof TemperatureCalibration t) {
            type = "temperature";
            parameters.put("temperature", t.temperature());
        } else if (c instanceof EnsembleCalibration e) {
            type = "ensemble";
            parameters.put("temperature", e.temperature());
            parameters.put("weightScaled", e.weightScaled());
            parameters.put("weightRaw", e.weightRaw());
            parameters.put("weightUniform", e.weightUniform());
        } else if (c instanceof IsotonicCalibration iso) {
            type = "isotonic";
            parameters.put("name", iso.method());
            parameters.put("temperature", iso.temperature());
            List<Object> maps = new ArrayList<>();
            for (IsotonicFunction f : iso.maps()) {
                Map<String, Object> map = new LinkedHashMap<>();
                map.put("x", f.x());
                map.put("y", f.y());
                maps.add(map);
            }
            parameters.put("maps", maps);
        } else if (c instanceof EnergyCalibration e) {
            type = "energy";
            parameters.put("temperature", e.temperature());
            parameters.put("thetaCorrect", e.thetaCorrect());
            parameters.put("thetaIncorrect", e.thetaIncorrect());
            parameters.put("correctEnergy", gaussian(e.correctEnergy()));
            parameters.put("incorrectEnergy", gaussian(e.incorrectEnergy()));
        } else if (c instanceof HistogramCalibration h) {
            type = "histogram";
            parameters.put("bins", h.bins());
            parameters.put("values", h.values());
        } else if (c instanceof LinearCalibration l) {
            type = "linear";
            parameters.put("name", l.method());
            parameters.put("input", l.input().name());
            parameters.put("weights", l.weights());
            parameters.put("bias", l.bias());
        } else if (c instanceof BetaCalibration b) {
            type = "beta";
            parameters.put("a", b.a());
            parameters.put("b", b.b());
            parameters.put("c", b.c());
        } else {
            throw new IllegalArgumentException("cannot save a " + c.getClass().getName() + "; only this library's calibrations");
        }
        root.put("type", type);
        root.put("parameters", parameters);
        StringBuilder out = new StringBuilder();
        write(root, out, "");
        return out.append('\n').toString();
    }

    /** A small JSON writer: maps (in order), lists, double[] (one line), strings, ints and finite doubles. */
    private static void write(Object value, StringBuilder out, String indent) {
        if (value instanceof Map<?, ?> map) {
            out.append("{\n");
            int i = 0;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.append(indent).append("  ").append(JSONObject.quote(e.getKey().toString())).append(": ");
                write(e.getValue(), out, indent + "  ");
                out.append(++i < map.size() ? ",\n" : "\n");
            }
            out.append(indent).append('}');
        } else if (value instanceof List<?> list) {
            out.append("[\n");
            for (int i = 0; i < list.size(); i++) {
                out.append(indent).append("  ");
                write(list.get(i), out, indent + "  ");
                out.append(i + 1 < list.size() ? ",\n" : "\n");
            }
            out.append(indent).append(']');
        } else if (value instanceof double[] numbers) {
            out.append('[');
            for (int i = 0; i < numbers.length; i++) {
                out.append(i == 0 ? "" : ", ");
                write(numbers[i], out, indent);
            }
            out.append(']');
        } else if (value instanceof Double d) {
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("cannot save a non-finite parameter: " + d);
            }
            out.append(d);                     // Double.toString: reads back to the same double
        } else if (value instanceof Integer n) {
            out.append(n);
        } else {
            out.append(JSONObject.quote(value.toString()));
        }
    }

    /** Parses the JSON text of {@link #save}; {@code source} names it in error messages. */
    public static FittedCalibration fromJson(String text, String source) {
        JSONObject root;
        try {
            root = new JSONObject(text);
        } catch (JSONException e) {
            throw new IllegalArgumentException(source + ": not a calibrator file (invalid JSON: " + e.getMessage() + ")");
        }
        Reader r = new Reader(source);
        String format = r.string(root, "format");
        if (!FORMAT.equals(format)) {
            throw r.error("format is '" + format + "', expected '" + FORMAT + "'");
        }
        int version = r.integer(root, "version");
        if (version != VERSION) {
            throw r.error("version " + version + " is not supported (this build reads version " + VERSION + ")");
        }
        Method method;
        try {
            method = Method.byId(r.string(root, "method"));
        } catch (IllegalArgumentException e) {
            throw r.error(e.getMessage());
        }
        int classes = r.integer(root, "classes");
        if (classes < 2) {
            throw r.error("classes is " + classes + ", must be >= 2");
        }
        String type = r.string(root, "type");
        String expected = typeOf(method);
        if (!expected.equals(type)) {
            throw r.error("type '" + type + "' does not match method '" + method.id() + "' (expected '" + expected + "')");
        }
        JSONObject p = r.object(root, "parameters");
        Calibration calibration;
        try {
            calibration = switch (type) {
                case "uncalibrated" -> new Uncalibrated();
                case "temperature" -> new TemperatureCalibration(r.number(p, "temperature"));
                case "ensemble" -> new EnsembleCalibration(r.number(p, "temperature"), r.number(p, "weightScaled"),
                        r.number(p, "weightRaw"), r.number(p, "weightUniform"));
                case "isotonic" -> {
                    JSONArray array = r.array(p, "maps");
                    List<IsotonicFunction> maps = new ArrayList<>();
                    for (int i = 0; i < array.length(); i++) {
                        Object m = array.get(i);
                        if (!(m instanceof JSONObject map)) {
                            throw r.error("parameters.maps[" + i + "] is not an object");
                        }
                        maps.add(new IsotonicFunction(r.numbers(map, "x"), r.numbers(map, "y")));
                    }
                    if (maps.size() != 1 && maps.size() != classes) {
                        throw r.error("parameters.maps has " + maps.size() + " maps, expected 1 or " + classes);
                    }
                    yield new IsotonicCalibration(r.string(p, "name"), r.number(p, "temperature"), maps);
                }
                case "energy" -> new EnergyCalibration(r.number(p, "temperature"), r.number(p, "thetaCorrect"),
                        r.number(p, "thetaIncorrect"), gaussian(r, r.object(p, "correctEnergy")),
                        gaussian(r, r.object(p, "incorrectEnergy")));
                case "histogram" -> {
                    HistogramCalibration h = new HistogramCalibration(r.integer(p, "bins"), r.numbers(p, "values"));
                    if (h.classes() != classes) {
                        throw r.error("parameters.values holds " + h.classes() + " classes of bins, expected " + classes);
                    }
                    yield h;
                }
                case "linear" -> {
                    LinearCalibration.Input input;
                    try {
                        input = LinearCalibration.Input.valueOf(r.string(p, "input"));
                    } catch (IllegalArgumentException e) {
                        throw r.error("parameters.input must be LOGITS or LOG_PROBABILITIES");
                    }
                    LinearCalibration l = new LinearCalibration(r.string(p, "name"), input, classes, r.numbers(p, "weights"),
                            r.numbers(p, "bias"));
                    boolean wantDiagonal = method == Method.VECTOR;
                    if (l.diagonal() != wantDiagonal) {
                        throw r.error("parameters.weights has " + l.weights().length + " entries, expected "
                                + (wantDiagonal ? classes : classes * classes) + " for method " + method.id());
                    }
                    yield l;
                }
                case "beta" -> {
                    if (classes != 2) {
                        throw r.error("a Beta calibration has 2 classes, the file says " + classes);
                    }
                    yield new BetaCalibration(r.number(p, "a"), r.number(p, "b"), r.number(p, "c"));
                }
                default -> throw r.error("unknown type '" + type + "'");
            };
        } catch (Malformed e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw r.error("invalid parameters: " + e.getMessage());
        }
        try {
            return new FittedCalibration(method, classes, calibration);
        } catch (IllegalArgumentException e) {
            throw r.error(e.getMessage());
        }
    }

    /** The {@code type} a calibration is saved as, or null for a calibration of another library. */
    static String typeOf(Calibration c) {
        if (c instanceof Uncalibrated) {
            return "uncalibrated";
        } else if (c instanceof TemperatureCalibration) {
            return "temperature";
        } else if (c instanceof EnsembleCalibration) {
            return "ensemble";
        } else if (c instanceof IsotonicCalibration) {
            return "isotonic";
        } else if (c instanceof EnergyCalibration) {
            return "energy";
        } else if (c instanceof HistogramCalibration) {
            return "histogram";
        } else if (c instanceof LinearCalibration) {
            return "linear";
        } else if (c instanceof BetaCalibration) {
            return "beta";
        }
        return null;
    }

    /** The {@code type} that {@code method}'s calibrations are saved as. */
    static String typeOf(Method method) {
        return switch (method) {
            case UNCALIBRATED -> "uncalibrated";
            case TS, TS_OOD -> "temperature";
            case ETS -> "ensemble";
            case IRM, IROVA, IROVA_TS -> "isotonic";
            case ENERGY, ENERGY_OOD_NOT_IN_DENSITY -> "energy";
            case HISTOGRAM -> "histogram";
            case VECTOR, MATRIX, DIRICHLET -> "linear";
            case BETA -> "beta";
        };
    }

    private static Map<String, Object> gaussian(Gaussian g) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("mean", g.mean());
        map.put("sd", g.sd());
        return map;
    }

    private static Gaussian gaussian(Reader r, JSONObject o) {
        return new Gaussian(r.number(o, "mean"), r.number(o, "sd"));
    }

    /** A file problem already worded with the file name. */
    private static final class Malformed extends IllegalArgumentException {
        Malformed(String message) {
            super(message);
        }
    }

    /** Typed field access with messages that name the file and the field. */
    private record Reader(String source) {

        Malformed error(String what) {
            return new Malformed(source + ": " + what);
        }

        private Object field(JSONObject o, String key) {
            if (!o.has(key) || o.isNull(key)) {
                throw error("missing field '" + key + "'");
            }
            return o.get(key);
        }

        String string(JSONObject o, String key) {
            Object v = field(o, key);
            if (!(v instanceof String s)) {
                throw error("field '" + key + "' must be a string, got " + v);
            }
            return s;
        }

        double number(JSONObject o, String key) {
            Object v = field(o, key);
            if (!(v instanceof Number n)) {
                throw error("field '" + key + "' must be a number, got " + v);
            }
            double d = n.doubleValue();
            if (!Double.isFinite(d)) {
                throw error("field '" + key + "' must be finite, got " + v);
            }
            return d;
        }

        int integer(JSONObject o, String key) {
            double d = number(o, key);
            if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
                throw error("field '" + key + "' must be an integer, got " + field(o, key));
            }
            return (int) d;
        }

        JSONObject object(JSONObject o, String key) {
            Object v = field(o, key);
            if (!(v instanceof JSONObject j)) {
                throw error("field '" + key + "' must be an object");
            }
            return j;
        }

        JSONArray array(JSONObject o, String key) {
            Object v = field(o, key);
            if (!(v instanceof JSONArray a)) {
                throw error("field '" + key + "' must be an array");
            }
            return a;
        }

        double[] numbers(JSONObject o, String key) {
            JSONArray a = array(o, key);
            double[] values = new double[a.length()];
            for (int i = 0; i < values.length; i++) {
                Object v = a.get(i);
                if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue())) {
                    throw error("field '" + key + "'[" + i + "] must be a finite number, got " + v);
                }
                values[i] = n.doubleValue();
            }
            return values;
        }
    }
}
