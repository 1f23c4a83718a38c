package org.wisekit.lmbd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Free-atom parameters by element, read from libMBD's {@code vdw-params.csv} (columns {@code symbol, N, Z,
 * alpha_0(BG), alpha_0(TS), C6(BG), C6(TS), R_vdw(TS), ...}); the TS set ({@code alpha_0(TS), C6(TS), R_vdw(TS)})
 * is the one MBD@rsSCS and TurboGAP use.
 */
public final class FreeAtomTable {

    private final Map<Integer, FreeAtom> atoms;
    private final String source;

    private FreeAtomTable(Map<Integer, FreeAtom> atoms, String source) {
        this.atoms = atoms;
        this.source = source;
    }

    /** A table from explicit parameters (e.g. for tests or custom sets); {@code source} names it in messages. */
    public static FreeAtomTable of(List<FreeAtom> parameters, String source) {
        Map<Integer, FreeAtom> byZ = new TreeMap<>();
        for (FreeAtom atom : parameters) {
            if (byZ.put(atom.atomicNumber(), atom) != null) {
                throw new IllegalArgumentException(source + ": element " + Elements.symbol(atom.atomicNumber())
                        + " appears twice");
            }
        }
        return new FreeAtomTable(byZ, source);
    }

    /**
     * Reads libMBD's {@code vdw-params.csv}. Rows whose TS values are empty are skipped.
     *
     * @throws IllegalArgumentException naming the file and line when the header or a row is malformed
     */
    public static FreeAtomTable read(Path csv) {
        List<String> lines;
        try {
            lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read free-atom table " + csv + ": " + e.getMessage(), e);
        }
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(csv + ": empty file, expected libMBD's vdw-params.csv");
        }
        List<String> header = Arrays.stream(lines.get(0).split(",", -1)).map(FreeAtomTable::unquote).toList();
        int symbolColumn = column(header, "symbol", csv);
        int alphaColumn = column(header, "alpha_0(TS)", csv);
        int c6Column = column(header, "C6(TS)", csv);
        int rColumn = column(header, "R_vdw(TS)", csv);
        Map<Integer, FreeAtom> byZ = new TreeMap<>();
        for (int line = 1; line < lines.size(); line++) {
            if (lines.get(line).isBlank()) {
                continue;
            }
            String[] cells = lines.get(line).split(",", -1);
            if (cells.length != header.size()) {
                throw new IllegalArgumentException(csv + " line " + (line + 1) + ": " + cells.length + " fields, header has "
                        + header.size());
            }
            String symbol = unquote(cells[symbolColumn]);
            String alpha = cells[alphaColumn].strip();
            String c6 = cells[c6Column].strip();
            String r = cells[rColumn].strip();
            // Rows without TS values (libMBD's ions such as "H-", which only have BG values) are not for TS/MBD.
            if (alpha.isEmpty() || c6.isEmpty() || r.isEmpty()) {
                continue;
            }
            if (!Elements.isSymbol(symbol)) {
                throw new IllegalArgumentException(csv + " line " + (line + 1) + ": unknown element '" + symbol + "'");
            }
            try {
                int z = Elements.atomicNumber(symbol);
                byZ.put(z, new FreeAtom(z, Double.parseDouble(alpha), Double.parseDouble(c6), Double.parseDouble(r)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(csv + " line " + (line + 1) + ": " + e.getMessage(), e);
            }
        }
        if (byZ.isEmpty()) {
            throw new IllegalArgumentException(csv + ": no element has TS parameters");
        }
        return new FreeAtomTable(byZ, csv.toString());
    }

    private static int column(List<String> header, String name, Path csv) {
        int index = header.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException(csv + ": no column '" + name + "' in the header " + header);
        }
        return index;
    }

    private static String unquote(String cell) {
        String s = cell.strip();
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    /**
     * The parameters of element {@code atomicNumber}.
     *
     * @throws IllegalArgumentException naming the element when the table has no parameters for it
     */
    public FreeAtom get(int atomicNumber) {
        FreeAtom atom = atoms.get(atomicNumber);
        if (atom == null) {
            throw new IllegalArgumentException("no free-atom parameters for element " + Elements.symbol(atomicNumber)
                    + " in " + source);
        }
        return atom;
    }

    /** Whether the table has parameters for {@code atomicNumber}. */
    public boolean contains(int atomicNumber) {
        return atoms.containsKey(atomicNumber);
    }

    /** How many elements the table holds. */
    public int size() {
        return atoms.size();
    }
}
