package org.wisekit.lmbd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Geometry files: XYZ (read and write, angstrom) and VASP 5 POSCAR (read, into a {@link Crystal}). Errors are
 * {@link IllegalArgumentException}s naming the file and the 1-based line. Stateless.
 */
public final class GeometryFiles {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern PROPERTIES = Pattern.compile("(?i)(?:^|\\s)properties=(\"?)([^\\s\"]+)\\1");

    private GeometryFiles() {
    }

    /**
     * Reads an XYZ file: the atom count, a comment line, then one {@code Symbol x y z} line per atom in angstrom
     * (extra columns are ignored; a symbol may be in any case, or an atomic number). An extended-XYZ comment line is
     * accepted, and its {@code Properties=} key (e.g. {@code species:S:1:pos:R:3:forces:R:3}) says which columns hold
     * the species and the positions. Blank lines after the atoms are ignored.
     *
     * @throws IllegalArgumentException naming the file and line for a missing or bad count, fewer or more atom lines
     *                                  than the count, an unknown element or a non-numeric or non-finite coordinate
     * @throws UncheckedIOException     when the file cannot be read
     */
    public static Geometry readXyz(Path file) {
        List<String> lines = lines(file);
        if (lines.isEmpty() || lines.get(0).isBlank()) {
            throw new IllegalArgumentException(file + " line 1: expected the number of atoms, found "
                    + (lines.isEmpty() ? "an empty file" : "a blank line"));
        }
        int count;
        try {
            count = Integer.parseInt(lines.get(0).strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + " line 1: expected the number of atoms, got '"
                    + lines.get(0).strip() + "'", e);
        }
        if (count < 0) {
            throw new IllegalArgumentException(file + " line 1: the number of atoms must not be negative, got " + count);
        }
        int speciesColumn = 0;
        int positionColumn = 1;
        if (lines.size() > 1) {
            Matcher m = PROPERTIES.matcher(lines.get(1));
            if (m.find()) {
                int[] columns = extendedColumns(m.group(2), file);
                speciesColumn = columns[0];
                positionColumn = columns[1];
            }
        }
        if (lines.size() - 2 < count) {
            throw new IllegalArgumentException(file + ": line 1 gives " + count + " atoms, but the file has "
                    + Math.max(0, lines.size() - 2) + " lines after the comment (truncated?)");
        }
        for (int l = 2 + count; l < lines.size(); l++) {
            if (!lines.get(l).isBlank()) {
                throw new IllegalArgumentException(file + " line " + (l + 1) + ": more atom lines than the count " + count
                        + " on line 1 (multi-frame XYZ files are not read)");
            }
        }
        int[] z = new int[count];
        double[] xyz = new double[3 * count];
        for (int i = 0; i < count; i++) {
            int l = 2 + i;
            String line = lines.get(l).strip();
            String[] tokens = line.isEmpty() ? new String[0] : WHITESPACE.split(line);
            int needed = Math.max(speciesColumn, positionColumn + 2) + 1;
            if (tokens.length < needed) {
                throw new IllegalArgumentException(file + " line " + (l + 1) + ": expected " + needed
                        + " columns (symbol x y z), got " + tokens.length + " (the count on line 1 is " + count + ")");
            }
            z[i] = element(tokens[speciesColumn], file, l);
            for (int c = 0; c < 3; c++) {
                xyz[3 * i + c] = coordinate(tokens[positionColumn + c], file, l);
            }
        }
        return Geometry.ofAngstrom(z, xyz);
    }

    /** The species and first position column of an extended-XYZ {@code Properties} value. */
    private static int[] extendedColumns(String properties, Path file) {
        String[] parts = properties.split(":");
        if (parts.length % 3 != 0) {
            throw new IllegalArgumentException(file + " line 2: Properties=" + properties
                    + " is not a list of name:type:count triples");
        }
        int column = 0;
        int species = -1;
        int position = -1;
        for (int p = 0; p < parts.length; p += 3) {
            int width;
            try {
                width = Integer.parseInt(parts[p + 2]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file + " line 2: Properties=" + properties + ": count '"
                        + parts[p + 2] + "' of " + parts[p] + " is not an integer", e);
            }
            if (parts[p].equalsIgnoreCase("species") && width == 1) {
                species = column;
            } else if (parts[p].equalsIgnoreCase("pos") && width == 3) {
                position = column;
            }
            column += width;
        }
        if (species < 0 || position < 0) {
            throw new IllegalArgumentException(file + " line 2: Properties=" + properties
                    + " lacks species:S:1 or pos:R:3");
        }
        return new int[] {species, position};
    }

    /**
     * Writes {@code geometry} as an XYZ file in angstrom (10 decimals; the comment line is the formula), atomically:
     * a temporary file in the same folder, then renamed over {@code file}.
     *
     * @throws UncheckedIOException when the file cannot be written
     */
    public static void writeXyz(Geometry geometry, Path file) {
        StringBuilder out = new StringBuilder();
        out.append(geometry.size()).append('\n').append(geometry.formula()).append('\n');
        for (int i = 0; i < geometry.size(); i++) {
            out.append(String.format(Locale.ROOT, "%-2s %18.10f %18.10f %18.10f\n", geometry.symbol(i),
                    geometry.coordinate(i, 0) / Units.BOHR_PER_ANGSTROM, geometry.coordinate(i, 1) / Units.BOHR_PER_ANGSTROM,
                    geometry.coordinate(i, 2) / Units.BOHR_PER_ANGSTROM));
        }
        writeAtomically(file, out.toString());
    }

    /**
     * Reads a VASP 5 POSCAR: comment; scale (positive: a factor on the lattice and on Cartesian positions;
     * negative: the cell volume in cubic angstrom); three lattice rows in angstrom; the element symbols (a POTCAR
     * suffix such as {@code _pv} or {@code /hash} is dropped); the count of each; an optional
     * {@code Selective dynamics} line; {@code Direct} or {@code Cartesian} (by the first letter, any case; {@code K}
     * is Cartesian as in VASP); then one position per atom (extra columns such as {@code T T F} are ignored). Lines
     * after the positions (velocities) are ignored.
     *
     * @throws IllegalArgumentException naming the file and line for anything else, including VASP 4 files without
     *                                  the symbols line
     * @throws UncheckedIOException     when the file cannot be read
     */
    public static Crystal readPoscar(Path file) {
        List<String> lines = lines(file);
        Cursor in = new Cursor(lines, file);
        in.next("a comment line");
        String[] scaleTokens = in.tokens("the scale factor");
        if (scaleTokens.length != 1) {
            throw in.error("expected one scale factor, got '" + String.join(" ", scaleTokens) + "'");
        }
        double scale = in.number(scaleTokens[0]);
        if (scale == 0) {
            throw in.error("the scale factor must not be 0");
        }
        double[] lattice = new double[9];
        for (int r = 0; r < 3; r++) {
            String[] row = in.tokens("lattice vector " + (r + 1));
            if (row.length < 3) {
                throw in.error("lattice vector " + (r + 1) + " needs 3 numbers, got '" + String.join(" ", row) + "'");
            }
            for (int c = 0; c < 3; c++) {
                lattice[3 * r + c] = in.number(row[c]);
            }
        }
        double volume = Math.abs(Crystal.determinant(lattice));
        if (!(volume > 0)) {
            throw in.error("the lattice vectors are linearly dependent (cell volume 0)");
        }
        double factor = scale > 0 ? scale : Math.cbrt(-scale / volume);

        String[] symbols = in.tokens("the element symbols");
        if (symbols.length == 0 || isInteger(symbols[0])) {
            throw in.error("expected the element symbols (VASP 5); VASP 4 files without them are not read");
        }
        int[] speciesZ = new int[symbols.length];
        for (int s = 0; s < symbols.length; s++) {
            String symbol = normalise(symbols[s].split("[_/]", 2)[0]);
            if (!Elements.isSymbol(symbol)) {
                throw in.error("unknown element '" + symbols[s] + "'");
            }
            speciesZ[s] = Elements.atomicNumber(symbol);
        }
        String[] countTokens = in.tokens("the atom counts");
        if (countTokens.length != symbols.length) {
            throw in.error(symbols.length + " element symbols but " + countTokens.length + " counts");
        }
        int atoms = 0;
        int[] counts = new int[symbols.length];
        for (int s = 0; s < symbols.length; s++) {
            if (!isInteger(countTokens[s]) || Integer.parseInt(countTokens[s]) < 1) {
                throw in.error("count '" + countTokens[s] + "' of " + symbols[s] + " is not a positive integer");
            }
            counts[s] = Integer.parseInt(countTokens[s]);
            atoms = Math.addExact(atoms, counts[s]);
        }
        String mode = in.next("Direct or Cartesian").strip();
        if (!mode.isEmpty() && Character.toLowerCase(mode.charAt(0)) == 's') {
            mode = in.next("Direct or Cartesian").strip();
        }
        char kind = mode.isEmpty() ? ' ' : Character.toLowerCase(mode.charAt(0));
        if (kind != 'd' && kind != 'c' && kind != 'k') {
            throw in.error("expected Direct or Cartesian, got '" + mode + "'");
        }
        boolean cartesian = kind != 'd';

        int[] z = new int[atoms];
        double[] xyz = new double[3 * atoms];
        int atom = 0;
        for (int s = 0; s < symbols.length; s++) {
            for (int k = 0; k < counts[s]; k++, atom++) {
                String[] row = in.tokens("the position of atom " + (atom + 1) + " of " + atoms);
                if (row.length < 3) {
                    throw in.error("the position of atom " + (atom + 1) + " needs 3 numbers, got '"
                            + String.join(" ", row) + "'");
                }
                double[] p = {in.number(row[0]), in.number(row[1]), in.number(row[2])};
                z[atom] = speciesZ[s];
                for (int c = 0; c < 3; c++) {
                    double v = cartesian ? p[c] : p[0] * lattice[c] + p[1] * lattice[3 + c] + p[2] * lattice[6 + c];
                    xyz[3 * atom + c] = v * factor * Units.BOHR_PER_ANGSTROM;
                }
            }
        }
        double[] latticeBohr = new double[9];
        for (int k = 0; k < 9; k++) {
            latticeBohr[k] = lattice[k] * factor * Units.BOHR_PER_ANGSTROM;
        }
        try {
            return Crystal.of(Geometry.ofBohr(z, xyz), latticeBohr);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** Lines of a POSCAR with the number of the current one, for messages. */
    private static final class Cursor {

        private final List<String> lines;
        private final Path file;
        private int line = -1;

        Cursor(List<String> lines, Path file) {
            this.lines = lines;
            this.file = file;
        }

        String next(String what) {
            line++;
            if (line >= lines.size()) {
                throw new IllegalArgumentException(file + " line " + (line + 1) + ": expected " + what
                        + ", found the end of the file (truncated?)");
            }
            return lines.get(line);
        }

        String[] tokens(String what) {
            String s = next(what).strip();
            return s.isEmpty() ? new String[0] : WHITESPACE.split(s);
        }

        double number(String token) {
            try {
                double v = Double.parseDouble(token);
                if (Double.isFinite(v)) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw error("'" + token + "' is not a finite number");
        }

        IllegalArgumentException error(String message) {
            return new IllegalArgumentException(file + " line " + (line + 1) + ": " + message);
        }
    }

    private static int element(String token, Path file, int line) {
        if (isInteger(token)) {
            int z = Integer.parseInt(token);
            if (z >= 1 && z <= Elements.MAX_ATOMIC_NUMBER) {
                return z;
            }
        } else if (Elements.isSymbol(normalise(token))) {
            return Elements.atomicNumber(normalise(token));
        }
        throw new IllegalArgumentException(file + " line " + (line + 1) + ": unknown element '" + token + "'");
    }

    private static double coordinate(String token, Path file, int line) {
        try {
            double v = Double.parseDouble(token);
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(file + " line " + (line + 1) + ": coordinate '" + token
                + "' is not a finite number");
    }

    /** {@code "CL"} or {@code "cl"} to {@code "Cl"}. */
    private static String normalise(String symbol) {
        if (symbol.isEmpty()) {
            return symbol;
        }
        return symbol.substring(0, 1).toUpperCase(Locale.ROOT) + symbol.substring(1).toLowerCase(Locale.ROOT);
    }

    private static boolean isInteger(String token) {
        return token.matches("[+-]?\\d{1,9}");
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void writeAtomically(Path file, String content) {
        Path target = file.toAbsolutePath();
        Path temp = null;
        try {
            temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            Files.writeString(temp, content, StandardCharsets.UTF_8);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            temp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // the write already failed; that error is the one to report
                }
            }
        }
    }
}
