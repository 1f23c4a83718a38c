package org.wisekit.lmbd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.wisekit.lmbd.internal.JsonValues;

/**
 * Readers of the S22 and S66 benchmark sets of non-covalent complexes with CCSD(T) interaction energies: S22 (Jurecka,
 * Sponer, Cerny, Hobza, PCCP 8, 1985, 2006) from ASE's {@code s22.json}, S66 (Rezac, Riley, Hobza, JCTC 7, 2427,
 * 2011) from Psi4's {@code databases/S66.py}. Energies come back in hartree. Stateless.
 */
public final class Benchmarks {

    private static final Pattern S66_BIND = Pattern.compile(
            "BIND\\['%s-%s'\\s*%\\s*\\(dbse,\\s*'(\\d+)'\\s*\\)\\]\\s*=\\s*(\\S+)\\s*");
    private static final Pattern S66_TAGL = Pattern.compile(
            "TAGL\\['%s-%s'\\s*%\\s*\\(dbse,\\s*'(\\d+)'\\s*\\)\\]\\s*=\\s*\"\"\"(.*)\"\"\"\\s*");
    private static final Pattern S66_GEOS = Pattern.compile(
            "GEOS\\['%s-%s-dimer'\\s*%\\s*\\(dbse,\\s*'(\\d+)'\\s*\\)\\]\\s*=\\s*qcdb\\.Molecule\\(\"\"\"\\s*");
    private static final Pattern CHARGE_MULTIPLICITY = Pattern.compile("-?\\d+\\s+\\d+");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private Benchmarks() {
    }

    /**
     * The 22 S22 complexes of ASE's {@code ase/collections/s22.json} (an ASE database in JSON: entries {@code "1"}
     * .. {@code "22"} with {@code numbers}, {@code positions} in angstrom and {@code key_value_pairs} {@code name},
     * {@code cc_energy} in eV), in the order of {@code ids}. The monomers are the two covalently bonded fragments
     * ({@link Fragments}); monomer A holds the entry's first atom; the complex is A's atoms then B's, each in file
     * order.
     *
     * @throws IllegalArgumentException naming the file and the entry when the JSON is malformed, an entry lacks a
     *                                  field, or a complex does not split into exactly two fragments
     */
    public static List<Dimer> s22(Path s22Json) {
        Object root = JsonValues.read(s22Json);
        if (!(root instanceof Map<?, ?> entries)) {
            throw new IllegalArgumentException(s22Json + ": expected a JSON object at the top level");
        }
        if (!(entries.get("ids") instanceof List<?> ids) || ids.isEmpty()) {
            throw new IllegalArgumentException(s22Json + ": no \"ids\" array of entry numbers");
        }
        List<Dimer> dimers = new ArrayList<>(ids.size());
        for (Object idValue : ids) {
            String id = idValue instanceof Double d && d == Math.rint(d) && d >= 1 ? String.valueOf(d.longValue()) : null;
            if (id == null) {
                throw new IllegalArgumentException(s22Json + ": \"ids\" holds " + idValue + ", not a positive integer");
            }
            if (!(entries.get(id) instanceof Map<?, ?> entry)) {
                throw new IllegalArgumentException(s22Json + ": entry \"" + id + "\" listed in \"ids\" is missing");
            }
            String where = s22Json + " entry \"" + id + "\"";
            dimers.add(s22Dimer(entry, where));
        }
        return List.copyOf(dimers);
    }

    private static Dimer s22Dimer(Map<?, ?> entry, String where) {
        if (!(entry.get("key_value_pairs") instanceof Map<?, ?> pairs)) {
            throw new IllegalArgumentException(where + ": no key_value_pairs object");
        }
        if (!(pairs.get("name") instanceof String name) || name.isBlank()) {
            throw new IllegalArgumentException(where + ": key_value_pairs has no name string");
        }
        where = where + " (" + name + ")";
        if (!(pairs.get("cc_energy") instanceof Double energyEv)) {
            throw new IllegalArgumentException(where + ": key_value_pairs has no cc_energy number");
        }
        if (!(entry.get("numbers") instanceof List<?> numbers) || numbers.isEmpty()) {
            throw new IllegalArgumentException(where + ": no numbers array");
        }
        if (!(entry.get("positions") instanceof List<?> positions) || positions.size() != numbers.size()) {
            throw new IllegalArgumentException(where + ": positions must be an array of " + numbers.size()
                    + " [x, y, z] rows, one per atomic number");
        }
        int n = numbers.size();
        int[] z = new int[n];
        double[] xyz = new double[3 * n];
        for (int i = 0; i < n; i++) {
            Object number = numbers.get(i);
            if (!(number instanceof Double d) || d != Math.rint(d) || d < 1 || d > Elements.MAX_ATOMIC_NUMBER) {
                throw new IllegalArgumentException(where + ": numbers[" + i + "] = " + number + " is not an atomic number");
            }
            z[i] = d.intValue();
            if (!(positions.get(i) instanceof List<?> row) || row.size() != 3) {
                throw new IllegalArgumentException(where + ": positions[" + i + "] is not an [x, y, z] row");
            }
            for (int c = 0; c < 3; c++) {
                if (!(row.get(c) instanceof Double v)) {
                    throw new IllegalArgumentException(where + ": positions[" + i + "][" + c + "] = " + row.get(c)
                            + " is not a number");
                }
                xyz[3 * i + c] = v;
            }
        }
        Geometry all = Geometry.ofAngstrom(z, xyz);
        List<int[]> fragments;
        try {
            fragments = Fragments.split(all);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
        if (fragments.size() != 2) {
            throw new IllegalArgumentException(where + ": covalent connectivity gives " + fragments.size()
                    + " fragments, expected 2");
        }
        return Dimer.of(name, all.subset(fragments.get(0)), all.subset(fragments.get(1)),
                energyEv / Units.EV_PER_HARTREE);
    }

    /**
     * The 66 S66 complexes of Psi4's {@code databases/S66.py}, read as text (never executed): geometries from the
     * {@code GEOS['%s-%s-dimer' % (dbse, 'N')] = qcdb.Molecule("""...""")} blocks (charge and multiplicity lines
     * skipped, monomers split at the {@code --} line, {@code units angstrom} or {@code units bohr}), reference
     * energies from the {@code BIND['%s-%s' % (dbse, 'N')]} lines of the dictionary named {@code BIND} (CCSD(T)/CBS,
     * kcal/mol; other dictionaries such as {@code BIND_S66A} are ignored), names from {@code TAGL['%s-%s' % (dbse,
     * 'N')]}. Ordered by N, which must run 1 .. n with every N having all three.
     *
     * @throws IllegalArgumentException naming the file and the line or entry when a block is malformed, an entry
     *                                  appears twice or lacks its geometry, energy or name
     */
    public static List<Dimer> s66(Path s66Py) {
        List<String> lines;
        try {
            lines = Files.readAllLines(s66Py, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + s66Py + ": " + e.getMessage(), e);
        }
        Map<Integer, Double> energies = new TreeMap<>();
        Map<Integer, String> names = new TreeMap<>();
        Map<Integer, Geometry[]> geometries = new TreeMap<>();
        for (int l = 0; l < lines.size(); l++) {
            String line = lines.get(l);
            Matcher m;
            if ((m = S66_BIND.matcher(line)).matches()) {
                double kcal = number(m.group(2), s66Py, l);
                putOnce(energies, entry(m.group(1), s66Py, l), kcal / Units.KCAL_PER_MOL_PER_HARTREE, "BIND", s66Py, l);
            } else if ((m = S66_TAGL.matcher(line)).matches()) {
                putOnce(names, entry(m.group(1), s66Py, l), m.group(2).strip(), "TAGL",
                        s66Py, l);
            } else if ((m = S66_GEOS.matcher(line)).matches()) {
                int id = entry(m.group(1), s66Py, l);
                int end = l + 1;
                while (end < lines.size() && !lines.get(end).strip().startsWith("\"\"\"")) {
                    end++;
                }
                if (end == lines.size()) {
                    throw new IllegalArgumentException(s66Py + " line " + (l + 1) + ": geometry of S66-" + id
                            + " is not closed by \"\"\"");
                }
                putOnce(geometries, id, molecule(lines, l + 1, end, s66Py, id), "GEOS", s66Py, l);
                l = end;
            } else if (line.startsWith("BIND[") || line.startsWith("TAGL['%s-%s' ") || line.startsWith("GEOS[")) {
                throw new IllegalArgumentException(s66Py + " line " + (l + 1) + ": unrecognised entry: " + line.strip());
            }
        }
        if (geometries.isEmpty()) {
            throw new IllegalArgumentException(s66Py + ": no GEOS['%s-%s-dimer' % (dbse, 'N')] geometry blocks");
        }
        List<Dimer> dimers = new ArrayList<>(geometries.size());
        int expected = 1;
        for (Map.Entry<Integer, Geometry[]> e : geometries.entrySet()) {
            int id = e.getKey();
            if (id != expected) {
                throw new IllegalArgumentException(s66Py + ": entry S66-" + expected + " has no geometry (found S66-"
                        + id + ")");
            }
            expected++;
            if (!energies.containsKey(id)) {
                throw new IllegalArgumentException(s66Py + ": entry S66-" + id + " has no BIND reference energy");
            }
            if (!names.containsKey(id) || names.get(id).isEmpty()) {
                throw new IllegalArgumentException(s66Py + ": entry S66-" + id + " has no TAGL name");
            }
            dimers.add(Dimer.of(names.get(id), e.getValue()[0], e.getValue()[1], energies.get(id)));
        }
        for (int id : energies.keySet()) {
            if (!geometries.containsKey(id)) {
                throw new IllegalArgumentException(s66Py + ": entry S66-" + id + " has a BIND energy but no geometry");
            }
        }
        for (int id : names.keySet()) {
            if (!geometries.containsKey(id)) {
                throw new IllegalArgumentException(s66Py + ": entry S66-" + id + " has a TAGL name but no geometry");
            }
        }
        return List.copyOf(dimers);
    }

    /** Monomers A and B of the geometry block in lines {@code [from, to)}. */
    private static Geometry[] molecule(List<String> lines, int from, int to, Path file, int id) {
        List<Integer> z = new ArrayList<>();
        List<double[]> xyz = new ArrayList<>();
        int split = -1;
        double scale = Double.NaN;
        for (int l = from; l < to; l++) {
            String line = lines.get(l).strip();
            String where = file + " line " + (l + 1) + " (S66-" + id + ")";
            if (line.isEmpty() || CHARGE_MULTIPLICITY.matcher(line).matches()) {
                continue;
            }
            if (line.equals("--")) {
                if (split >= 0 || z.isEmpty()) {
                    throw new IllegalArgumentException(where + ": unexpected '--' (exactly two fragments expected)");
                }
                split = z.size();
                continue;
            }
            String[] tokens = WHITESPACE.split(line);
            if (tokens[0].equals("units") && tokens.length == 2) {
                scale = switch (tokens[1].toLowerCase(Locale.ROOT)) {
                    case "angstrom", "ang", "a" -> Units.BOHR_PER_ANGSTROM;
                    case "bohr", "au", "a.u." -> 1;
                    default -> throw new IllegalArgumentException(where + ": unknown units '" + tokens[1] + "'");
                };
                continue;
            }
            if (tokens.length != 4) {
                throw new IllegalArgumentException(where + ": expected 'Symbol x y z', got '" + line + "'");
            }
            if (!Elements.isSymbol(tokens[0])) {
                throw new IllegalArgumentException(where + ": unknown element '" + tokens[0] + "'");
            }
            z.add(Elements.atomicNumber(tokens[0]));
            xyz.add(new double[] {number(tokens[1], file, l), number(tokens[2], file, l), number(tokens[3], file, l)});
        }
        String where = file + " lines " + (from + 1) + "-" + to + " (S66-" + id + ")";
        if (split < 0 || split == z.size()) {
            throw new IllegalArgumentException(where + ": expected two fragments separated by a '--' line");
        }
        if (Double.isNaN(scale)) {
            throw new IllegalArgumentException(where + ": no 'units' line");
        }
        return new Geometry[] {geometry(z, xyz, 0, split, scale), geometry(z, xyz, split, z.size(), scale)};
    }

    private static Geometry geometry(List<Integer> z, List<double[]> xyz, int from, int to, double scale) {
        int[] numbers = new int[to - from];
        double[] coordinates = new double[3 * (to - from)];
        for (int i = from; i < to; i++) {
            numbers[i - from] = z.get(i);
            for (int c = 0; c < 3; c++) {
                coordinates[3 * (i - from) + c] = xyz.get(i)[c] * scale;
            }
        }
        return Geometry.ofBohr(numbers, coordinates);
    }

    private static int entry(String digits, Path file, int line) {
        try {
            int id = Integer.parseInt(digits);
            if (id >= 1) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(file + " line " + (line + 1) + ": entry number '" + digits
                + "' is not a positive integer");
    }

    private static double number(String token, Path file, int line) {
        try {
            double v = Double.parseDouble(token);
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(file + " line " + (line + 1) + ": '" + token + "' is not a finite number");
    }

    private static <T> void putOnce(Map<Integer, T> map, int id, T value, String what, Path file, int line) {
        if (map.put(id, value) != null) {
            throw new IllegalArgumentException(file + " line " + (line + 1) + ": second " + what + " entry for S66-" + id);
        }
    }
}
