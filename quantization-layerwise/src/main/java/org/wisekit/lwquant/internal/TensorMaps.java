package org.wisekit.lwquant.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/** Named-tensor maps: the {@code withTensors} step of the llama models. */
public final class TensorMaps {

    private TensorMaps() {
    }

    /**
     * A copy of {@code weights} (same iteration order) with some tensors replaced; arrays are shared, not
     * copied.
     *
     * @param weights      every tensor by name
     * @param replacements tensors to replace, by name
     * @return the new map
     * @throws IllegalArgumentException if a replacement names a tensor {@code weights} does not have
     */
    public static Map<String, float[]> replaced(Map<String, float[]> weights, Map<String, float[]> replacements) {
        Map<String, float[]> w = new LinkedHashMap<>(weights);
        for (String name : replacements.keySet()) {
            if (!w.containsKey(name)) {
                throw new IllegalArgumentException("replacements: unknown tensor name '" + name + "'");
            }
        }
        w.putAll(replacements);
        return w;
    }
}
