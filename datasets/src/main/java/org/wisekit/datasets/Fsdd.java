package org.wisekit.datasets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Reader for the Free Spoken Digit Dataset's {@code recordings/} folder of {@code {digit}_{speaker}_{index}.wav}. */
public final class Fsdd {

    private static final Pattern FILE_NAME = Pattern.compile("([0-9])_([a-z]+)_([0-9]{1,6})\\.wav");

    /** Digit, then speaker, then take number (numerically, so 2 comes before 10). */
    private static final Comparator<FsddRecording> ORDER = Comparator.comparingInt(FsddRecording::digit)
            .thenComparing(FsddRecording::speaker)
            .thenComparingInt(FsddRecording::index);

    private Fsdd() {
    }

    /** Every {@code .wav} in {@code recordingsFolder}, ordered by digit, speaker and take number. */
    public static List<FsddRecording> read(Path recordingsFolder) {
        try (Stream<Path> files = Files.list(recordingsFolder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".wav"))
                    .map(Fsdd::recording)
                    .sorted(ORDER)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + recordingsFolder, e);
        }
    }

    private static FsddRecording recording(Path file) {
        Matcher name = FILE_NAME.matcher(file.getFileName().toString());
        if (!name.matches()) {
            throw new MalformedDataException(file, "the name is not {digit}_{speaker}_{index}.wav");
        }
        return new FsddRecording(Integer.parseInt(name.group(1)), name.group(2), Integer.parseInt(name.group(3)),
                Wav.read(file));
    }
}
