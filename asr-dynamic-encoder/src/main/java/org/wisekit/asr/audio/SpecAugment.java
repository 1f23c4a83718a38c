package org.wisekit.asr.audio;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * SpecAugment time and frequency masking (Park et al. 2019) as the RWTH i6 setups apply it
 * ({@code i6_models} {@code specaugment_v1_by_length}, without time warping): a number of masks is drawn per
 * axis, each mask gets a distinct start drawn uniformly over the axis and a width drawn uniformly in
 * {@code [1, maxWidth]}, clipped at the end of the axis; masks may overlap. Masked values are set to 0, the mean
 * of the normalised features ({@link Features}).
 *
 * <p>Counts: along time uniform in {@code [timeMinMasks, max(timeMinMasks, ceil(frames / timeFramesPerMask))]},
 * along frequency uniform in {@code [freqMinMasks, freqMaxMasks]} (both inclusive; i6 draws the upper bound
 * exclusively), never more than the axis length. Every draw comes from the {@link SplittableRandom} passed in, so
 * one seed gives one set of masks.
 */
public final class SpecAugment {

    private SpecAugment() {
    }

    /**
     * Masking settings. A maximum width of 0 turns that axis off.
     *
     * @param timeMinMasks      fewest time masks, at least 0
     * @param timeFramesPerMask one more allowed time mask per this many frames, at least 1
     * @param timeMaxWidth      widest time mask in frames, at least 0
     * @param freqMinMasks      fewest frequency masks, at least 0
     * @param freqMaxMasks      most frequency masks, at least {@code freqMinMasks}
     * @param freqMaxWidth      widest frequency mask in bins, at least 0
     */
    public record Settings(int timeMinMasks, int timeFramesPerMask, int timeMaxWidth,
                           int freqMinMasks, int freqMaxMasks, int freqMaxWidth) {

        /** Validates the ranges. */
        public Settings {
            atLeast("timeMinMasks", timeMinMasks, 0);
            atLeast("timeFramesPerMask", timeFramesPerMask, 1);
            atLeast("timeMaxWidth", timeMaxWidth, 0);
            atLeast("freqMinMasks", freqMinMasks, 0);
            atLeast("freqMaxMasks", freqMaxMasks, freqMinMasks);
            atLeast("freqMaxWidth", freqMaxWidth, 0);
        }

        /**
         * Settings for 1-3 s connected-digit utterances (100-300 frames of 40 bins; a digit lasts about 40 frames):
         * 1 to {@code ceil(T / 40)} time masks of at most 10 frames (100 ms), 1 or 2 frequency masks of at most
         * 5 bins. On the default connected-digit corpus this masks 8.6 % of the frames, 10.6 % of the bins and
         * 18 % of the values on average. (The i6 TED-LIUM setups use 2 to {@code T / 25} time masks of up to 20
         * frames and 2-4 frequency masks of up to 16 of 80 bins, for utterances many times longer.)
         *
         * @return the defaults
         */
        public static Settings defaults() {
            return new Settings(1, 40, 10, 1, 2, 5);
        }

        /**
         * No masking.
         *
         * @return settings under which {@link SpecAugment#apply} changes nothing
         */
        public static Settings none() {
            return new Settings(0, 1, 0, 0, 0, 0);
        }

        private static void atLeast(String name, int value, int min) {
            if (value < min) {
                throw new IllegalArgumentException(name + " must be >= " + min + ", got " + value);
            }
        }
    }

    /**
     * One mask along an axis.
     *
     * @param start first masked index, at least 0
     * @param width masked indices from {@code start}, at least 1
     */
    public record Mask(int start, int width) {

        /** Validates the range. */
        public Mask {
            if (start < 0 || width < 1) {
                throw new IllegalArgumentException("need start >= 0 and width >= 1, got start=" + start
                        + ", width=" + width);
            }
        }

        /**
         * The index after the mask.
         *
         * @return {@code start + width}
         */
        public int end() {
            return start + width;
        }
    }

    /**
     * The masks drawn for one utterance.
     *
     * @param time      frame ranges, in the order drawn
     * @param frequency bin ranges, in the order drawn
     */
    public record Masks(List<Mask> time, List<Mask> frequency) {

        /** Copies the lists. */
        public Masks {
            time = List.copyOf(time);
            frequency = List.copyOf(frequency);
        }
    }

    /**
     * Draws masks for a {@code [frames][bins]} array.
     *
     * @param frames   frames, at least 1
     * @param bins     bins per frame, at least 1
     * @param settings the masking settings
     * @param random   the source of every draw
     * @return time masks within {@code [0, frames)} and frequency masks within {@code [0, bins)}
     */
    public static Masks draw(int frames, int bins, Settings settings, SplittableRandom random) {
        if (frames < 1) {
            throw new IllegalArgumentException("frames must be >= 1, got " + frames);
        }
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be >= 1, got " + bins);
        }
        if (settings == null || random == null) {
            throw new IllegalArgumentException("settings and random must not be null");
        }
        int timeMax = Math.max(settings.timeMinMasks(),
                (int) ((frames + (long) settings.timeFramesPerMask() - 1) / settings.timeFramesPerMask()));
        List<Mask> time = axis(frames, settings.timeMinMasks(), timeMax, settings.timeMaxWidth(), random);
        List<Mask> frequency = axis(bins, settings.freqMinMasks(), settings.freqMaxMasks(), settings.freqMaxWidth(),
                random);
        return new Masks(time, frequency);
    }

    /**
     * Draws masks for the row-major {@code [values.length / bins][bins]} array {@code values} and sets the masked
     * values to 0, in place.
     *
     * @param values   features, a whole number of frames of {@code bins} values, at least one frame
     * @param bins     values per frame, at least 1
     * @param settings the masking settings
     * @param random   the source of every draw
     * @return the masks applied
     */
    public static Masks apply(float[] values, int bins, Settings settings, SplittableRandom random) {
        if (values == null) {
            throw new IllegalArgumentException("values must not be null");
        }
        if (bins < 1 || values.length % bins != 0 || values.length == 0) {
            throw new IllegalArgumentException("values of length " + values.length
                    + " are not a positive whole number of frames of bins = " + bins);
        }
        int frames = values.length / bins;
        Masks masks = draw(frames, bins, settings, random);
        for (Mask m : masks.time()) {
            Arrays.fill(values, m.start() * bins, m.end() * bins, 0f);
        }
        for (Mask m : masks.frequency()) {
            for (int t = 0; t < frames; t++) {
                Arrays.fill(values, t * bins + m.start(), t * bins + m.end(), 0f);
            }
        }
        return masks;
    }

    /** Between {@code min} and {@code max} masks (capped at the axis length) with distinct starts. */
    private static List<Mask> axis(int length, int min, int max, int maxWidth, SplittableRandom random) {
        List<Mask> masks = new ArrayList<>();
        if (maxWidth == 0) {
            return masks;
        }
        int count = (int) Math.min(length, min + random.nextLong(max - (long) min + 1));
        int[] starts = new int[count];
        for (int i = 0; i < count; i++) {
            int start;
            do {
                start = random.nextInt(length);
            } while (contains(starts, i, start));
            starts[i] = start;
            int width = 1 + random.nextInt(maxWidth);
            masks.add(new Mask(start, Math.min(width, length - start)));
        }
        return masks;
    }

    private static boolean contains(int[] values, int count, int value) {
        for (int i = 0; i < count; i++) {
            if (values[i] == value) {
                return true;
            }
        }
        return false;
    }
}
