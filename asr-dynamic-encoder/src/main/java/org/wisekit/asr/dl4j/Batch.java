package org.wisekit.asr.dl4j;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.wisekit.asr.EncoderConfig;

/**
 * The placeholder values of one padded batch (log-mel features stacked {@code stack} frames at a time, the frame
 * mask and attention key bias) and, for training, the label sequences. Inference batches may be short: rows
 * beyond the given utterances hold one silent frame and are left out of the results; training batches are full.
 */
final class Batch {

    private static final float MASKED = -1e9f;

    final Map<String, INDArray> feed = new HashMap<>();
    final int[] encoderFrames;
    final int rows;
    final int[][] targets;

    /**
     * @param config   the encoder (melBins, stack)
     * @param batch    rows of the graph
     * @param mel      per utterance its normalised log-mel features {@code [frames][melBins]} row-major
     * @param labels   per utterance its label sequence, or null for inference
     */
    Batch(EncoderConfig config, int batch, List<float[]> mel, List<int[]> labels) {
        rows = mel.size();
        if (rows == 0 || rows > batch) {
            throw new IllegalArgumentException("a batch holds 1.." + batch + " utterances, got " + rows);
        }
        int bins = config.melBins();
        int stack = config.stack();
        encoderFrames = new int[batch];
        int maxFrames = 1;
        for (int r = 0; r < rows; r++) {
            int frames = mel.get(r).length / bins;
            encoderFrames[r] = (frames + stack - 1) / stack;
            maxFrames = Math.max(maxFrames, encoderFrames[r]);
        }
        for (int r = rows; r < batch; r++) {
            encoderFrames[r] = 1;
        }
        int width = bins * stack;
        float[] features = new float[batch * maxFrames * width];
        float[] mask = new float[batch * maxFrames];
        float[] keyBias = new float[batch * maxFrames];
        java.util.Arrays.fill(keyBias, MASKED);
        for (int r = 0; r < batch; r++) {
            for (int t = 0; t < encoderFrames[r]; t++) {
                mask[r * maxFrames + t] = 1;
                keyBias[r * maxFrames + t] = 0;
            }
            if (r < rows) {
                float[] m = mel.get(r);
                // frame f of the utterance goes to encoder frame f / stack, slot f % stack
                for (int f = 0; f < m.length / bins; f++) {
                    System.arraycopy(m, f * bins, features, (r * maxFrames + f / stack) * width + (f % stack) * bins,
                            bins);
                }
            }
        }
        feed.put(EncoderGraph.FEATURES, Nd4j.create(features, new long[] {(long) batch * maxFrames, width}, 'c'));
        feed.put(EncoderGraph.FRAME_MASK, Nd4j.create(mask, new long[] {(long) batch * maxFrames, 1}, 'c'));
        int kernel = config.convKernel();
        float[] shifts = new float[kernel * maxFrames * maxFrames];
        for (int k = 0; k < kernel; k++) {
            for (int t = 0; t < maxFrames; t++) {
                int s = t + k - kernel / 2;
                if (s >= 0 && s < maxFrames) {
                    shifts[(k * maxFrames + t) * maxFrames + s] = 1;
                }
            }
        }
        feed.put(EncoderGraph.SHIFTS, Nd4j.create(shifts, new long[] {kernel, (long) maxFrames * maxFrames}, 'c'));
        feed.put(EncoderGraph.BAND_SHAPE, Nd4j.createFromArray(new long[] {config.dim(), maxFrames, maxFrames}));
        feed.put(EncoderGraph.KEY_BIAS, Nd4j.create(keyBias, new long[] {batch, 1, 1, maxFrames}, 'c'));
        targets = labels == null ? null : labels.toArray(new int[0][]);
    }

    /** Frames after stacking of the longest row (the padded time axis). */
    int paddedFrames() {
        return (int) feed.get(EncoderGraph.KEY_BIAS).size(3);
    }
}
