package org.wisekit.dfmsd.coco;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.json.JSONArray;
import org.json.JSONException;
import org.json.JSONObject;
import org.json.JSONTokener;
import org.wisekit.datasets.io.AtomicFiles;
import org.wisekit.dfmsd.eval.Box;
import org.wisekit.dfmsd.eval.Detection;

/**
 * Reads and writes COCO JSON for box detection.
 * <ul>
 *   <li>Ground truth: an object with {@code images} ({@code id}; optional {@code file_name}, {@code width},
 *       {@code height}), {@code categories} ({@code id}; optional {@code name}) and {@code annotations}
 *       ({@code id}, {@code image_id}, {@code category_id}, {@code bbox} {@code [x, y, width, height]}; optional
 *       {@code area}, default {@code width * height}, and {@code iscrowd}, 0/1 or a boolean, default 0). Other
 *       fields ({@code segmentation}, {@code info}, ...) are ignored.</li>
 *   <li>Results: an array of {@code {image_id, category_id, bbox, score}}, as pycocotools' {@code loadRes} takes.</li>
 * </ul>
 * Bad input gets an {@link IllegalArgumentException} naming the file, the field (e.g. {@code annotations[3].bbox})
 * and the value: malformed JSON, a missing field, a value of the wrong type, a non-finite number, a negative box
 * width or height, a duplicate id, or an {@code image_id} / {@code category_id} that the ground truth does not list.
 * Writers are atomic ({@link AtomicFiles}) and write one object per line; what they write reads back equal.
 */
public final class CocoFiles {

    private CocoFiles() {
    }

    /** Reads a COCO ground-truth file. */
    public static CocoDataset readDataset(Path file) {
        String source = String.valueOf(file);
        Object root = parse(read(file), source);
        if (!(root instanceof JSONObject o)) {
            throw new IllegalArgumentException(source + ": a COCO ground-truth file must be a JSON object, got "
                    + kind(root));
        }
        Fields f = new Fields(source);
        JSONArray images = f.array(o, "images", "");
        JSONArray categories = f.array(o, "categories", "");
        JSONArray annotations = f.array(o, "annotations", "");

        List<CocoDataset.Image> imageList = new ArrayList<>(images.length());
        Set<Long> imageIds = new HashSet<>();
        for (int i = 0; i < images.length(); i++) {
            String at = "images[" + i + "]";
            JSONObject im = f.object(images, i, at);
            long id = f.integer(im, "id", at, null);
            if (!imageIds.add(id)) {
                throw f.error(at + ".id", "duplicate image id " + id);
            }
            String name = f.string(im, "file_name", at, "");
            int width = (int) f.boundedInteger(im, "width", at, 0L, 0, Integer.MAX_VALUE);
            int height = (int) f.boundedInteger(im, "height", at, 0L, 0, Integer.MAX_VALUE);
            imageList.add(new CocoDataset.Image(id, name, width, height));
        }
        List<CocoDataset.Category> categoryList = new ArrayList<>(categories.length());
        Set<Integer> categoryIds = new HashSet<>();
        for (int i = 0; i < categories.length(); i++) {
            String at = "categories[" + i + "]";
            JSONObject c = f.object(categories, i, at);
            int id = (int) f.boundedInteger(c, "id", at, null, Integer.MIN_VALUE, Integer.MAX_VALUE);
            if (!categoryIds.add(id)) {
                throw f.error(at + ".id", "duplicate category id " + id);
            }
            categoryList.add(new CocoDataset.Category(id, f.string(c, "name", at, "")));
        }
        List<CocoDataset.Annotation> annotationList = new ArrayList<>(annotations.length());
        Set<Long> annotationIds = new HashSet<>();
        for (int i = 0; i < annotations.length(); i++) {
            String at = "annotations[" + i + "]";
            JSONObject a = f.object(annotations, i, at);
            long id = f.integer(a, "id", at, null);
            if (!annotationIds.add(id)) {
                throw f.error(at + ".id", "duplicate annotation id " + id);
            }
            long imageId = f.integer(a, "image_id", at, null);
            if (!imageIds.contains(imageId)) {
                throw f.error(at + ".image_id", "unknown image_id " + imageId + " (not in images)");
            }
            int categoryId = (int) f.boundedInteger(a, "category_id", at, null, Integer.MIN_VALUE, Integer.MAX_VALUE);
            if (!categoryIds.contains(categoryId)) {
                throw f.error(at + ".category_id", "unknown category_id " + categoryId + " (not in categories)");
            }
            Box box = f.box(a, at);
            double area = a.has("area") ? f.number(a, "area", at) : box.area();
            if (area < 0) {
                throw f.error(at + ".area", "negative area " + area);
            }
            boolean crowd = f.crowd(a, at);
            annotationList.add(new CocoDataset.Annotation(id, imageId, categoryId, box, area, crowd));
        }
        return new CocoDataset(imageList, categoryList, annotationList);
    }

    /**
     * Reads a COCO result file and checks it against {@code groundTruth}: every {@code image_id} and
     * {@code category_id} must be one of its images and categories. Detections keep the file's order.
     */
    public static List<Detection> readResults(Path file, CocoDataset groundTruth) {
        if (groundTruth == null) {
            throw new IllegalArgumentException("groundTruth must not be null");
        }
        String source = String.valueOf(file);
        Object root = parse(read(file), source);
        if (!(root instanceof JSONArray arr)) {
            throw new IllegalArgumentException(source + ": a COCO result file must be a JSON array of detections, got "
                    + kind(root));
        }
        Set<Long> imageIds = groundTruth.imageIds();
        Set<Integer> categoryIds = groundTruth.categoryIds();
        Fields f = new Fields(source);
        List<Detection> out = new ArrayList<>(arr.length());
        for (int i = 0; i < arr.length(); i++) {
            String at = "[" + i + "]";
            JSONObject d = f.object(arr, i, at);
            long imageId = f.integer(d, "image_id", at, null);
            if (!imageIds.contains(imageId)) {
                throw f.error(at + ".image_id", "unknown image_id " + imageId + " (not an image of the ground truth)");
            }
            int categoryId = (int) f.boundedInteger(d, "category_id", at, null, Integer.MIN_VALUE, Integer.MAX_VALUE);
            if (!categoryIds.contains(categoryId)) {
                throw f.error(at + ".category_id", "unknown category_id " + categoryId
                        + " (not a category of the ground truth)");
            }
            Box box = f.box(d, at);
            double score = f.number(d, "score", at);
            out.add(new Detection(imageId, categoryId, box, score));
        }
        return out;
    }

    /** Writes {@code dataset} as a COCO ground-truth file (atomically). */
    public static void writeDataset(Path file, CocoDataset dataset) {
        if (dataset == null) {
            throw new IllegalArgumentException("dataset must not be null");
        }
        StringBuilder sb = new StringBuilder(128 + 96 * dataset.annotations().size() + 80 * dataset.images().size());
        sb.append("{\n\"images\": [");
        String sep = "\n";
        for (CocoDataset.Image im : dataset.images()) {
            sb.append(sep).append("{\"id\": ").append(im.id()).append(", \"file_name\": ")
                    .append(JSONObject.quote(im.fileName())).append(", \"width\": ").append(im.width())
                    .append(", \"height\": ").append(im.height()).append('}');
            sep = ",\n";
        }
        sb.append("\n],\n\"annotations\": [");
        sep = "\n";
        for (CocoDataset.Annotation a : dataset.annotations()) {
            sb.append(sep).append("{\"id\": ").append(a.id()).append(", \"image_id\": ").append(a.imageId())
                    .append(", \"category_id\": ").append(a.categoryId()).append(", \"bbox\": ");
            box(sb, a.bbox());
            sb.append(", \"area\": ").append(a.area()).append(", \"iscrowd\": ").append(a.crowd() ? 1 : 0).append('}');
            sep = ",\n";
        }
        sb.append("\n],\n\"categories\": [");
        sep = "\n";
        for (CocoDataset.Category c : dataset.categories()) {
            sb.append(sep).append("{\"id\": ").append(c.id()).append(", \"name\": ").append(JSONObject.quote(c.name()))
                    .append('}');
            sep = ",\n";
        }
        sb.append("\n]\n}\n");
        AtomicFiles.writeString(file, sb.toString());
    }

    /** Writes {@code detections} as a COCO result file (atomically). */
    public static void writeResults(Path file, List<Detection> detections) {
        if (detections == null) {
            throw new IllegalArgumentException("detections must not be null");
        }
        StringBuilder sb = new StringBuilder(8 + 96 * detections.size());
        sb.append('[');
        String sep = "\n";
        for (Detection d : detections) {
            if (d == null) {
                throw new IllegalArgumentException("detections must not hold null");
            }
            sb.append(sep).append("{\"image_id\": ").append(d.imageId()).append(", \"category_id\": ")
                    .append(d.categoryId()).append(", \"bbox\": ");
            box(sb, d.box());
            sb.append(", \"score\": ").append(d.score()).append('}');
            sep = ",\n";
        }
        sb.append("\n]\n");
        AtomicFiles.writeString(file, sb.toString());
    }

    private static void box(StringBuilder sb, Box b) {
        sb.append('[').append(b.x()).append(", ").append(b.y()).append(", ").append(b.width()).append(", ")
                .append(b.height()).append(']');
    }

    private static String read(Path file) {
        if (file == null) {
            throw new IllegalArgumentException("file must not be null");
        }
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new IllegalArgumentException(file + ": not UTF-8 text");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** One JSON value, nothing after it. */
    private static Object parse(String text, String source) {
        try {
            JSONTokener tokens = new JSONTokener(text);
            Object value = tokens.nextValue();
            if (tokens.nextClean() != 0) {
                throw new IllegalArgumentException(source + ": malformed JSON: unexpected text after the value "
                        + tokens);
            }
            return value;
        } catch (JSONException e) {
            throw new IllegalArgumentException(source + ": malformed JSON: " + e.getMessage());
        }
    }

    private static String kind(Object v) {
        if (v instanceof JSONObject) {
            return "an object";
        }
        if (v instanceof JSONArray) {
            return "an array";
        }
        return v == JSONObject.NULL ? "null" : "'" + v + "'";
    }

    /** Typed field access with errors that name the file, the field and the value. */
    private static final class Fields {

        private final String source;

        Fields(String source) {
            this.source = source;
        }

        IllegalArgumentException error(String field, String what) {
            return new IllegalArgumentException(source + ": " + field + ": " + what);
        }

        private static String path(String at, String key) {
            return at.isEmpty() ? key : at + "." + key;
        }

        JSONArray array(JSONObject o, String key, String at) {
            Object v = o.opt(key);
            if (v == null) {
                throw error(path(at, key), "missing field");
            }
            if (!(v instanceof JSONArray a)) {
                throw error(path(at, key), "must be an array, got " + kind(v));
            }
            return a;
        }

        JSONObject object(JSONArray arr, int i, String at) {
            Object v = arr.opt(i);
            if (!(v instanceof JSONObject o)) {
                throw error(at, "must be an object, got " + kind(v));
            }
            return o;
        }

        String string(JSONObject o, String key, String at, String fallback) {
            Object v = o.opt(key);
            if (v == null) {
                if (fallback == null) {
                    throw error(path(at, key), "missing field");
                }
                return fallback;
            }
            if (!(v instanceof String s)) {
                throw error(path(at, key), "must be a string, got " + kind(v));
            }
            return s;
        }

        double number(JSONObject o, String key, String at) {
            Object v = o.opt(key);
            if (v == null) {
                throw error(path(at, key), "missing field");
            }
            return finite(v, path(at, key));
        }

        double finite(Object v, String field) {
            if (!(v instanceof Number n)) {
                throw error(field, "must be a finite number, got " + kind(v));
            }
            double d = n.doubleValue();
            if (!Double.isFinite(d)) {
                throw error(field, "must be a finite number, got " + v);
            }
            return d;
        }

        long integer(JSONObject o, String key, String at, Long fallback) {
            return boundedInteger(o, key, at, fallback, Long.MIN_VALUE, Long.MAX_VALUE);
        }

        long boundedInteger(JSONObject o, String key, String at, Long fallback, long min, long max) {
            String field = path(at, key);
            Object v = o.opt(key);
            if (v == null) {
                if (fallback == null) {
                    throw error(field, "missing field");
                }
                return fallback;
            }
            long value;
            if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
                value = ((Number) v).longValue();
            } else if (v instanceof BigInteger || v instanceof BigDecimal || v instanceof Double || v instanceof Float) {
                BigDecimal bd;
                try {
                    bd = new BigDecimal(v.toString());
                } catch (NumberFormatException e) {
                    throw error(field, "must be an integer, got " + v);
                }
                if (bd.signum() != 0 && bd.stripTrailingZeros().scale() > 0) {
                    throw error(field, "must be an integer, got " + v);
                }
                try {
                    value = bd.longValueExact();
                } catch (ArithmeticException e) {
                    throw error(field, "must lie in [" + min + ", " + max + "], got " + v);
                }
            } else {
                throw error(field, "must be an integer, got " + kind(v));
            }
            if (value < min || value > max) {
                throw error(field, "must lie in [" + min + ", " + max + "], got " + value);
            }
            return value;
        }

        Box box(JSONObject o, String at) {
            String field = path(at, "bbox");
            Object v = o.opt("bbox");
            if (v == null) {
                throw error(field, "missing field");
            }
            if (!(v instanceof JSONArray a) || a.length() != 4) {
                throw error(field, "must be an array [x, y, width, height], got " + (v instanceof JSONArray
                        ? v.toString() : kind(v)));
            }
            double[] xywh = new double[4];
            for (int j = 0; j < 4; j++) {
                xywh[j] = finite(a.opt(j), field + "[" + j + "]");
            }
            if (xywh[2] < 0) {
                throw error(field, "negative box width " + xywh[2]);
            }
            if (xywh[3] < 0) {
                throw error(field, "negative box height " + xywh[3]);
            }
            return new Box(xywh[0], xywh[1], xywh[2], xywh[3]);
        }

        boolean crowd(JSONObject o, String at) {
            Object v = o.opt("iscrowd");
            if (v == null) {
                return false;
            }
            if (v instanceof Boolean b) {
                return b;
            }
            long c = boundedInteger(o, "iscrowd", at, null, 0, 1);
            return c == 1;
        }
    }
}
