package org.wisekit.asr.dl4j;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.json.JSONArray;
import org.json.JSONObject;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.wisekit.asr.EncoderConfig;
import org.wisekit.asr.ctc.CtcDecoder;
import org.wisekit.datasets.io.Safetensors;
import org.wisekit.tensor.nd4j.Nd4jThreads;

/**
 * A trained Conformer-CTC encoder that runs at several sizes: for each trained size {@code k} a keep-mask of
 * {@code k} modules (nested across sizes) and an output layer of its own. Running at size {@code k} builds only the
 * kept modules; the others are skipped, not multiplied by zero, so a smaller size computes less.
 *
 * <p>Inputs are normalised log-mel features {@code [frames][melBins]} row-major (see
 * {@code org.wisekit.asr.audio.Features}); outputs are per-frame logits or greedy CTC label sequences. Instances
 * are safe to use from several threads (graphs are cached per size; ND4J sessions are per thread).
 */
public final class DynamicEncoder {

    /** Rows of the inference graphs; longer lists are processed in chunks. */
    static final int INFERENCE_BATCH = 16;
    private static final String SCORES = "selection.scores";
    private static final String MASKS = "selection.masks";

    private final ConformerWeights weights;
    private final double[] scores;
    private final boolean[][] masks;
    private final String method;
    private final Map<Integer, EncoderGraph.Built> graphs = new ConcurrentHashMap<>();

    /**
     * A model from its parts.
     *
     * @param weights the parameters (with an output layer per size)
     * @param scores  the module scores the masks came from (length = modules; NaN where there are none)
     * @param masks   per size in {@code weights.sizes()} order, the modules it keeps (exactly that many)
     * @param method  how the model was trained (a label saved with it)
     */
    public DynamicEncoder(ConformerWeights weights, double[] scores, boolean[][] masks, String method) {
        int modules = weights.config().modules();
        int[] sizes = weights.sizes();
        if (scores.length != modules || masks.length != sizes.length) {
            throw new IllegalArgumentException("need " + modules + " scores and " + sizes.length + " masks, got "
                    + scores.length + " and " + masks.length);
        }
        for (int s = 0; s < sizes.length; s++) {
            int kept = 0;
            for (int i = 0; i < modules; i++) {
                if (masks[s][i]) {
                    kept++;
                    if (!weights.hasModule(i)) {
                        throw new IllegalArgumentException("size " + sizes[s] + " keeps module " + i
                                + ", which has no parameters");
                    }
                }
            }
            if (kept != sizes[s]) {
                throw new IllegalArgumentException("the mask of size " + sizes[s] + " keeps " + kept + " modules");
            }
        }
        this.weights = weights;
        this.scores = scores.clone();
        this.masks = new boolean[masks.length][];
        for (int s = 0; s < masks.length; s++) {
            this.masks[s] = masks[s].clone();
        }
        this.method = method;
    }

    /** The encoder's shape. */
    public EncoderConfig config() {
        return weights.config();
    }

    /** The sizes this model runs at, increasing. */
    public int[] sizes() {
        return weights.sizes();
    }

    /** The training method's label. */
    public String method() {
        return method;
    }

    /** The module scores (a copy). */
    public double[] scores() {
        return scores.clone();
    }

    /** The parameters (shared, not copied). */
    public ConformerWeights weights() {
        return weights;
    }

    /**
     * The modules size {@code size} keeps (a copy).
     *
     * @throws IllegalArgumentException if the model was not trained for that size
     */
    public boolean[] mask(int size) {
        return masks[sizeIndex(size)].clone();
    }

    /** Number of modules the graph of {@code size} actually builds (the kept ones): an op count, not a mask count. */
    public int modulesRun(int size) {
        return graph(size).modulesBuilt();
    }

    /** Parameters used at {@code size}: the front end, block norms, the kept modules and the size's output layer. */
    public long parameters(int size) {
        boolean[] keep = masks[sizeIndex(size)];
        long n = 0;
        for (Map.Entry<String, INDArray> e : weights.arrays().entrySet()) {
            String name = e.getKey();
            boolean counted;
            if (name.startsWith("m")) {
                counted = keep[Integer.parseInt(name.substring(1, name.indexOf('.')))];
            } else if (name.startsWith("head")) {
                counted = name.equals("head" + size + ".w") || name.equals("head" + size + ".b");
            } else {
                counted = true;
            }
            n += counted ? e.getValue().length() : 0;
        }
        return n;
    }

    /**
     * Per-frame logits at one size.
     *
     * @param mel  per utterance its normalised log-mel features {@code [frames][melBins]}, at least one frame
     * @param size a trained size
     * @return per utterance its logits {@code [ceil(frames / stack)][vocab]} row-major
     */
    public List<float[]> logits(List<float[]> mel, int size) {
        EncoderGraph.Built built = graph(size);
        int bins = config().melBins();
        for (int u = 0; u < mel.size(); u++) {
            if (mel.get(u).length < bins || mel.get(u).length % bins != 0) {
                throw new IllegalArgumentException("utterance " + u + " has " + mel.get(u).length
                        + " feature values, not a positive multiple of " + bins + " mel bins");
            }
        }
        List<float[]> out = new ArrayList<>(mel.size());
        int vocab = config().vocab();
        for (int from = 0; from < mel.size(); from += INFERENCE_BATCH) {
            List<float[]> chunk = mel.subList(from, Math.min(mel.size(), from + INFERENCE_BATCH));
            Batch batch = new Batch(config(), INFERENCE_BATCH, chunk, null);
            INDArray logits;
            synchronized (built) {
                Nd4jThreads.withoutArrayReuse(built.graph());
                logits = built.graph().output(batch.feed, built.logits().get(0)).get(built.logits().get(0));
            }
            float[] all = logits.castTo(DataType.FLOAT).dup('c').data().asFloat();
            int padded = batch.paddedFrames();
            for (int r = 0; r < chunk.size(); r++) {
                out.add(Arrays.copyOfRange(all, r * padded * vocab, (r * padded + batch.encoderFrames[r]) * vocab));
            }
        }
        return out;
    }

    /**
     * Greedy CTC transcription at one size: per frame the most likely label, repeats collapsed, blanks dropped.
     *
     * @param mel  per utterance its normalised log-mel features
     * @param size a trained size
     * @return per utterance its labels (1..vocab-1; for digits, label = digit + 1)
     */
    public List<int[]> transcribe(List<float[]> mel, int size) {
        List<int[]> out = new ArrayList<>();
        int vocab = config().vocab();
        for (float[] l : logits(mel, size)) {
            out.add(CtcDecoder.greedy(l, l.length / vocab, vocab));
        }
        return out;
    }

    /** Saves the model (safetensors: parameters, scores, masks; the configuration in the metadata), atomically. */
    public void save(Path file) {
        toSafetensors(weights.arrays(), sizes(), masks).write(file);
    }

    /**
     * Saves the subnet of one size: only its kept modules, its output layer and the shared front end and norms.
     * The file loads with {@link #load} as a model of that one size.
     */
    public void exportSubnet(int size, Path file) {
        boolean[] keep = masks[sizeIndex(size)];
        Map<String, INDArray> kept = new LinkedHashMap<>();
        for (Map.Entry<String, INDArray> e : weights.arrays().entrySet()) {
            String name = e.getKey();
            if (name.startsWith("m") && !keep[Integer.parseInt(name.substring(1, name.indexOf('.')))]) {
                continue;
            }
            if (name.startsWith("head") && !name.startsWith("head" + size + ".")) {
                continue;
            }
            kept.put(name, e.getValue());
        }
        toSafetensors(kept, new int[] {size}, new boolean[][] {keep}).write(file);
    }

    /** Reads a model written by {@link #save} or {@link #exportSubnet}. */
    public static DynamicEncoder load(Path file) {
        Safetensors st = Safetensors.read(file);
        String json = st.metadata().get("wisekit.asr");
        if (json == null) {
            throw new IllegalArgumentException(file + " is not a wisekit asr model (no wisekit.asr metadata)");
        }
        JSONObject meta = new JSONObject(json);
        JSONObject c = meta.getJSONObject("config");
        EncoderConfig config = new EncoderConfig(c.getInt("melBins"), c.getInt("stack"), c.getInt("dim"),
                c.getInt("ffDim"), c.getInt("heads"), c.getInt("convKernel"), c.getInt("blocks"), c.getInt("vocab"));
        JSONArray s = meta.getJSONArray("sizes");
        int[] sizes = new int[s.length()];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = s.getInt(i);
        }
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        for (Map.Entry<String, Safetensors.Tensor> e : st.tensors().entrySet()) {
            if (!e.getKey().startsWith("selection.")) {
                arrays.put(e.getKey(), Nd4j.create(e.getValue().toFloats(), e.getValue().shape(), 'c'));
            }
        }
        int modules = config.modules();
        float[] sc = st.tensor(SCORES).toFloats();
        double[] scores = new double[modules];
        for (int i = 0; i < modules; i++) {
            scores[i] = sc[i];
        }
        float[] m = st.tensor(MASKS).toFloats();
        boolean[][] masks = new boolean[sizes.length][modules];
        for (int k = 0; k < sizes.length; k++) {
            for (int i = 0; i < modules; i++) {
                masks[k][i] = m[k * modules + i] != 0;
            }
        }
        return new DynamicEncoder(ConformerWeights.of(config, sizes, arrays), scores, masks, meta.getString("method"));
    }

    private Safetensors toSafetensors(Map<String, INDArray> arrays, int[] sizes, boolean[][] keep) {
        Map<String, Safetensors.Tensor> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, INDArray> e : arrays.entrySet()) {
            INDArray a = e.getValue();
            tensors.put(e.getKey(), Safetensors.Tensor.ofFloats(a.castTo(DataType.FLOAT).dup('c').data().asFloat(),
                    a.shape()));
        }
        int modules = config().modules();
        float[] sc = new float[modules];
        for (int i = 0; i < modules; i++) {
            sc[i] = (float) scores[i];
        }
        tensors.put(SCORES, Safetensors.Tensor.ofFloats(sc, modules));
        float[] m = new float[keep.length * modules];
        for (int k = 0; k < keep.length; k++) {
            for (int i = 0; i < modules; i++) {
                m[k * modules + i] = keep[k][i] ? 1 : 0;
            }
        }
        tensors.put(MASKS, Safetensors.Tensor.ofFloats(m, keep.length, modules));
        EncoderConfig c = config();
        JSONObject config = new JSONObject().put("melBins", c.melBins()).put("stack", c.stack()).put("dim", c.dim())
                .put("ffDim", c.ffDim()).put("heads", c.heads()).put("convKernel", c.convKernel())
                .put("blocks", c.blocks()).put("vocab", c.vocab());
        JSONObject meta = new JSONObject().put("config", config).put("sizes", new JSONArray(sizes))
                .put("method", method);
        return new Safetensors(tensors, Map.of("wisekit.asr", meta.toString()));
    }

    private int sizeIndex(int size) {
        int[] sizes = weights.sizes();
        for (int s = 0; s < sizes.length; s++) {
            if (sizes[s] == size) {
                return s;
            }
        }
        throw new IllegalArgumentException("size " + size + " was not trained; this model runs at sizes "
                + Arrays.toString(sizes));
    }

    private EncoderGraph.Built graph(int size) {
        boolean[] keep = masks[sizeIndex(size)];
        return graphs.computeIfAbsent(size, k -> EncoderGraph.build(weights, INFERENCE_BATCH,
                List.of(new EncoderGraph.Pass(keep, EncoderGraph.Gates.NONE, k, 1)), false));
    }
}
