package org.wisekit.eeg.cli;

import java.util.Locale;
import org.wisekit.eeg.preprocess.Preprocessor;

/** The {@code --size HxW} option of both subcommands. */
final class ImageSize {

    private ImageSize() {
    }

    /** {@code settings} with the image size {@code HxW}; a malformed value is an error naming {@code --size}. */
    static Preprocessor.Settings apply(Preprocessor.Settings settings, String size) {
        String[] hw = size.toLowerCase(Locale.ROOT).split("x");
        try {
            if (hw.length != 2) {
                throw new NumberFormatException();
            }
            return settings.withImageSize(Integer.parseInt(hw[0].strip()), Integer.parseInt(hw[1].strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--size must be HxW with positive integers, got '" + size + "'");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--size: " + e.getMessage());
        }
    }
}
