package org.wisekit.lwquant.llama;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.json.JSONException;
import org.json.JSONObject;
import org.wisekit.datasets.io.Safetensors;

/**
 * Loads and saves float llama-style checkpoints in safetensors. The config comes from a Hugging Face
 * {@code config.json} beside the file if there is one, else from the file's {@code __metadata__} (the same
 * keys, written by {@link #save}). Tensor shapes are checked against the config.
 */
public final class LlamaCheckpoint {

    private LlamaCheckpoint() {
    }

    public static LlamaModel load(Path file) {
        Safetensors contents = Safetensors.read(file);
        LlamaConfig config = config(file, contents.metadata());
        Map<String, float[]> weights = new LinkedHashMap<>();
        for (Map.Entry<String, Safetensors.Tensor> e : contents.tensors().entrySet()) {
            String name = e.getKey();
            if (name.endsWith("rotary_emb.inv_freq")) {
                continue;
            }
            if (!LlamaModel.expectedSizes(config).containsKey(name)) {
                throw new IllegalArgumentException(file + ": unknown tensor name '" + name + "' for a " + config.layers()
                        + "-layer llama model");
            }
            int[] expected = LlamaModel.shapeOf(config, name);
            long[] shape = e.getValue().shape();
            if (!Arrays.equals(Arrays.stream(expected).asLongStream().toArray(), shape)) {
                throw new IllegalArgumentException(file + ": tensor '" + name + "' has shape " + Arrays.toString(shape)
                        + ", the config needs " + Arrays.toString(expected));
            }
            weights.put(name, e.getValue().toFloats());
        }
        return new LlamaModel(config, weights);
    }

    private static LlamaConfig config(Path file, Map<String, String> metadata) {
        Path hf = file.toAbsolutePath().getParent().resolve("config.json");
        if (Files.isRegularFile(hf)) {
            Map<String, Object> config;
            try {
                config = new JSONObject(Files.readString(hf)).toMap();
            } catch (IOException | JSONException e) {
                throw new IllegalArgumentException(hf + ": cannot read config: " + e.getMessage(), e);
            }
            try {
                return LlamaConfig.fromHfMap(config);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(hf + ": " + e.getMessage(), e);
            }
        }
        if (!metadata.containsKey("hidden_size")) {
            throw new IllegalArgumentException(file + ": no config.json beside it and no config in __metadata__");
        }
        return LlamaConfig.fromHfMap(metadata);
    }

    /** Writes the model as F32 safetensors with its config in {@code __metadata__}, plus extra metadata. */
    public static void save(LlamaModel model, Path file, Map<String, String> extraMetadata) {
        Map<String, Safetensors.Tensor> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, float[]> e : model.weights().entrySet()) {
            int[] shape = LlamaModel.shapeOf(model.config(), e.getKey());
            tensors.put(e.getKey(), Safetensors.Tensor.ofFloats(e.getValue(), Arrays.stream(shape).asLongStream().toArray()));
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        model.config().toHfMap().forEach((k, v) -> metadata.put(k, String.valueOf(v)));
        metadata.put("format", "pt");
        if (extraMetadata != null) {
            metadata.putAll(extraMetadata);
        }
        new Safetensors(tensors, metadata).write(file);
    }
}
