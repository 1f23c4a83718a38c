package org.wisekit.datasets;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reader for a fortune(6) collection: plain UTF-8 text whose entries are separated by lines holding only
 * {@code %}. Entries keep their inner line breaks; surrounding blank lines are dropped.
 */
public final class Fortunes {

    private Fortunes() {
    }

    /** The entries of one collection file, in file order. */
    public static List<String> read(Path file) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(FileBytes.readAll(file))).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedDataException(file, "is not UTF-8 text", e);
        }
        List<String> entries = new ArrayList<>();
        StringBuilder entry = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (line.equals("%")) {
                add(entries, entry);
            } else {
                entry.append(line).append('\n');
            }
        }
        add(entries, entry);
        if (entries.isEmpty()) {
            throw new MalformedDataException(file, "holds no fortune entries");
        }
        return entries;
    }

    private static void add(List<String> entries, StringBuilder entry) {
        String text = entry.toString().strip();
        if (!text.isEmpty()) {
            entries.add(text);
        }
        entry.setLength(0);
    }
}
