package org.wisekit.dfmsd.cli;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.json.JSONArray;
import org.json.JSONObject;
import org.wisekit.datasets.Datasets;
import org.wisekit.datasets.LabeledImages;
import org.wisekit.datasets.Split;
import org.wisekit.datasets.io.AtomicFiles;
import org.wisekit.dfmsd.data.CanvasSettings;
import org.wisekit.dfmsd.data.Canvases;
import org.wisekit.dfmsd.data.DetectionSet;
import org.wisekit.harness.Json;
import org.wisekit.harness.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code wisekit dfmsd make-data --source fashion|cifar --out DIR}: real-pixel detection canvases with a synthetic
 * layout ({@link Canvases#makeSplits}) written as {@code DIR/{train,val,test}/NNNNN.png} (8-bit grey or RGB) and
 * {@code DIR/{train,val,test}.json} in COCO format: {@code images} (id from 1, {@code file_name} relative to
 * {@code DIR} such as {@code train/00000.png}, width, height), {@code annotations} (id from 1, image_id,
 * category_id = label + 1, bbox {@code [x, y, w, h]} in pixels, area, iscrowd 0) and {@code categories} (ids 1 to
 * 10 with the class names). The output folder must be new or empty unless {@code --overwrite}.
 */
@Command(name = "make-data", mixinStandardHelpOptions = true,
        description = {"Detection canvases (real Fashion-MNIST or CIFAR-10 items, synthetic layout) -> PNG + COCO JSON.",
                "Train and val canvases come from disjoint pools of training items, test canvases from test items."})
public final class MakeDataCommand implements Callable<Integer> {

    private static final int MAX_PER_SPLIT = 100_000;

    @ParentCommand
    DfmsdCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--source", required = true, paramLabel = "fashion|cifar",
            description = "Item source: Fashion-MNIST (grey) or CIFAR-10 (RGB; training subset and test set).")
    String source;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (new or empty).")
    Path out;

    @Option(names = "--size", defaultValue = "48", paramLabel = "PX",
            description = "Canvas side in pixels, 16 to 1024 (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--train", defaultValue = "3000", paramLabel = "N", description = "Training canvases (default: ${DEFAULT-VALUE}).")
    int train;

    @Option(names = "--val", defaultValue = "1000", paramLabel = "N", description = "Validation canvases (default: ${DEFAULT-VALUE}).")
    int val;

    @Option(names = "--test", defaultValue = "1000", paramLabel = "N", description = "Test canvases (default: ${DEFAULT-VALUE}).")
    int test;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "S", description = "Seed of every random choice (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data folder (else WISEKIT_DATA).")
    Path dataDir;

    @Option(names = "--overwrite", description = "Write into a non-empty --out folder, replacing files of the same name.")
    boolean overwrite;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        String key = source.toLowerCase(Locale.ROOT);
        if (!key.equals("fashion") && !key.equals("cifar")) {
            throw new IllegalArgumentException("--source must be fashion or cifar, got '" + source + "'");
        }
        if (size < 16 || size > 1024) {
            throw new IllegalArgumentException("--size must be in [16, 1024], got " + size);
        }
        CanvasSettings settings = CanvasSettings.defaults(size);
        count("--train", train, 1);
        count("--val", val, 0);
        count("--test", test, 0);
        checkOut();

        long start = System.nanoTime();
        Datasets datasets = Datasets.withDataDirectory(dataDir);
        LabeledImages trainItems;
        LabeledImages testItems;
        String dataset;
        if (key.equals("fashion")) {
            trainItems = datasets.fashionMnist(Split.TRAIN);
            testItems = datasets.fashionMnist(Split.TEST);
            dataset = "Fashion-MNIST";
        } else {
            trainItems = datasets.cifar10TrainSubset();
            testItems = datasets.cifar10Test();
            dataset = "CIFAR-10 (training subset, test set)";
        }
        Canvases.Splits splits;
        try (Progress.Task task = parent.progress().start("generating canvases", 1)) {
            splits = Canvases.makeSplits(trainItems, testItems, train, val, test, settings, seed);
            task.step();
        }
        Files.createDirectories(out);
        Map<String, Object> written = new LinkedHashMap<>();
        Map<String, DetectionSet> sets = new LinkedHashMap<>();
        sets.put("train", splits.train());
        sets.put("val", splits.val());
        sets.put("test", splits.test());
        try (Progress.Task task = parent.progress().start("writing PNG images", (long) train + val + test)) {
            for (Map.Entry<String, DetectionSet> e : sets.entrySet()) {
                written.put(e.getKey(), write(e.getKey(), e.getValue(), dataset, task));
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        PrintWriter pw = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("source", key);
            o.put("dataset", dataset);
            o.put("sourceItems", Map.of("train", trainItems.size(), "test", testItems.size()));
            o.put("out", out.toString());
            o.put("size", size);
            o.put("channels", splits.train().channels());
            o.put("seed", seed);
            o.put("settings", settings);
            o.put("splits", written);
            o.put("seconds", seconds);
            pw.println(Json.write(o));
        } else {
            pw.printf(Locale.ROOT, "%d train / %d val / %d test canvases (%dx%d %s, %s items; real pixels, synthetic "
                    + "layout) -> %s: {train,val,test}/NNNNN.png and {train,val,test}.json (COCO)%n", train, val, test,
                    size, size, splits.train().channels() == 1 ? "grey" : "RGB", dataset, out);
        }
        pw.flush();
        return 0;
    }

    private Map<String, Object> write(String name, DetectionSet set, String dataset, Progress.Task task) {
        Path folder = out.resolve(name);
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JSONArray images = new JSONArray();
        JSONArray annotations = new JSONArray();
        int annotationId = 1;
        int plane = set.channels() * set.size() * set.size();
        for (int i = 0; i < set.count(); i++) {
            String file = String.format(Locale.ROOT, "%05d.png", i);
            AtomicFiles.write(folder.resolve(file), png(set.pixels(), i * plane, set.channels(), set.size()));
            images.put(new JSONObject().put("id", i + 1).put("file_name", name + "/" + file)
                    .put("width", set.size()).put("height", set.size()));
            float[] boxes = set.boxes(i);
            int[] labels = set.labels(i);
            for (int j = 0; j < labels.length; j++) {
                float bw = boxes[4 * j + 2];
                float bh = boxes[4 * j + 3];
                annotations.put(new JSONObject().put("id", annotationId++).put("image_id", i + 1)
                        .put("category_id", labels[j] + 1)
                        .put("bbox", new JSONArray().put(number(boxes[4 * j])).put(number(boxes[4 * j + 1]))
                                .put(number(bw)).put(number(bh)))
                        .put("area", number(bw * bh)).put("iscrowd", 0));
            }
            task.step();
        }
        JSONArray categories = new JSONArray();
        for (int c = 0; c < set.classNames().size(); c++) {
            categories.put(new JSONObject().put("id", c + 1).put("name", set.classNames().get(c)));
        }
        JSONObject coco = new JSONObject()
                .put("info", new JSONObject().put("description", "wisekit dfmsd make-data " + name + " canvases: "
                        + dataset + " items (real pixels, synthetic layout)").put("seed", seed))
                .put("images", images).put("annotations", annotations).put("categories", categories);
        Path jsonFile = out.resolve(name + ".json");
        AtomicFiles.writeString(jsonFile, coco.toString());
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("images", set.count());
        o.put("boxes", set.totalBoxes());
        o.put("folder", folder.toString());
        o.put("annotations", jsonFile.toString());
        return o;
    }

    private static Object number(float v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? (Object) (long) v : (Object) (double) v;
    }

    /** One canvas ({@code CHW} at {@code pixels[off ..]}, values in [0, 1]) as 8-bit grey or RGB PNG bytes. */
    static byte[] png(float[] pixels, int off, int channels, int size) {
        BufferedImage img = new BufferedImage(size, size,
                channels == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR);
        WritableRaster raster = img.getRaster();
        int plane = size * size;
        int[] row = new int[size * channels];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                for (int c = 0; c < channels; c++) {
                    row[x * channels + c] = byteOf(pixels[off + c * plane + y * size + x]);
                }
            }
            raster.setPixels(0, y, size, 1, row);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static int byteOf(float v) {
        int b = Math.round(v * 255f);
        return b < 0 ? 0 : Math.min(b, 255);
    }

    private static void count(String option, int n, int min) {
        if (n < min || n > MAX_PER_SPLIT) {
            throw new IllegalArgumentException(option + " must be in [" + min + ", " + MAX_PER_SPLIT + "], got " + n);
        }
    }

    private void checkOut() throws IOException {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out " + out + " is a file, not a folder");
        }
        if (Files.isDirectory(out) && !overwrite) {
            try (Stream<Path> s = Files.list(out)) {
                if (s.findAny().isPresent()) {
                    throw new IllegalArgumentException("--out " + out + " is not empty; choose a new folder or pass"
                            + " --overwrite");
                }
            }
        }
    }
}
