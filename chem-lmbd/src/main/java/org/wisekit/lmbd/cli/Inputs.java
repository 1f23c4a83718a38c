package org.wisekit.lmbd.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.wisekit.lmbd.Crystal;
import org.wisekit.lmbd.Geometry;
import org.wisekit.lmbd.GeometryFiles;

/** Reading the user's files for {@code mbd energy}: the geometry (XYZ or POSCAR) and Hirshfeld volume ratios. */
final class Inputs {

    private Inputs() {
    }

    /** Geometry file formats. */
    enum Format {
        XYZ, POSCAR;

        String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The finite system a command runs on.
     *
     * @param geometry  the atoms
     * @param format    the format of the file read
     * @param cluster   the {@code --cluster} target, or null for an XYZ file
     * @param cellAtoms the atoms of the POSCAR's cell (0 for an XYZ file)
     */
    record Structure(Geometry geometry, Format format, Integer cluster, int cellAtoms) {
    }

    /** Throws unless {@code file} is a regular file. */
    static void requireFile(String option, Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(option + " " + file + ": " + (Files.isDirectory(file) ? "is a folder"
                    : "no such file"));
        }
    }

    /**
     * The format of a geometry file: by name ({@code .xyz}; {@code POSCAR} or {@code CONTCAR} in the name,
     * {@code .vasp}, {@code .poscar}), else by content (an integer on the first line is XYZ, anything else POSCAR).
     */
    static Format format(Path file) {
        String name = file.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".xyz")) {
            return Format.XYZ;
        }
        if (lower.contains("poscar") || lower.contains("contcar") || lower.endsWith(".vasp")) {
            return Format.POSCAR;
        }
        String first;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            first = in.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read --geom " + file + ": " + e.getMessage(), e);
        }
        if (first == null || first.isBlank()) {
            return Format.XYZ;   // its reader names the empty first line
        }
        try {
            Integer.parseInt(first.strip());
            return Format.XYZ;
        } catch (NumberFormatException e) {
            return Format.POSCAR;
        }
    }

    /**
     * The system of {@code --geom}: an XYZ file as it is, or for a POSCAR the cluster of whole molecules with at
     * least {@code cluster} atoms ({@link Crystal#cluster}); periodic MBD is not implemented, so a POSCAR without
     * {@code --cluster} is an error.
     */
    static Structure structure(Path geom, Integer cluster) {
        requireFile("--geom", geom);
        Format format = format(geom);
        if (format == Format.XYZ) {
            if (cluster != null) {
                throw new IllegalArgumentException("--cluster cuts a finite cluster from a periodic POSCAR; --geom " + geom
                        + " is an XYZ file, already finite");
            }
            return new Structure(GeometryFiles.readXyz(geom), format, null, 0);
        }
        Crystal crystal = GeometryFiles.readPoscar(geom);
        if (cluster == null) {
            throw new IllegalArgumentException("--geom " + geom + " is a periodic POSCAR and periodic MBD (Ewald sums,"
                    + " k-points) is not implemented; pass --cluster N to cut a finite cluster of whole molecules with at"
                    + " least N atoms");
        }
        if (cluster < 1) {
            throw new IllegalArgumentException("--cluster must be at least 1, got " + cluster);
        }
        try {
            return new Structure(crystal.cluster(cluster), format, cluster, crystal.atomsPerCell());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--geom " + geom + " --cluster " + cluster + ": " + e.getMessage(), e);
        }
    }

    /**
     * Hirshfeld volume ratios from {@code file}: one number per line in atom order, blank lines and {@code #}
     * comments skipped; as many as {@code geometry} has atoms, each positive and finite.
     *
     * @param cluster the {@code --cluster} target, named in the message when the count is wrong (null: none)
     */
    static double[] volumeRatios(Path file, Geometry geometry, Integer cluster) {
        requireFile("--nu", file);
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read --nu " + file + ": " + e.getMessage(), e);
        }
        List<Double> ratios = new ArrayList<>();
        for (int l = 0; l < lines.size(); l++) {
            String line = lines.get(l);
            int hash = line.indexOf('#');
            String text = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (text.isEmpty()) {
                continue;
            }
            String where = "--nu " + file + " line " + (l + 1);
            if (text.split("\\s+").length > 1) {
                throw new IllegalArgumentException(where + ": expected one ratio per line, got '" + text + "'");
            }
            double v;
            try {
                v = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where + ": expected a number, got '" + text + "'", e);
            }
            int atom = ratios.size();
            if (!(v > 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException(where + ": the volume ratio of atom " + (atom + 1)
                        + (atom < geometry.size() ? " (" + geometry.symbol(atom) + ")" : "")
                        + " must be positive and finite, got " + text);
            }
            ratios.add(v);
        }
        if (ratios.size() != geometry.size()) {
            throw new IllegalArgumentException("--nu " + file + " holds " + ratios.size() + " ratios but the "
                    + (cluster == null ? "geometry has " + geometry.size() + " atoms"
                            : "--cluster " + cluster + " cluster has " + geometry.size() + " atoms (the ratios apply to"
                                    + " the cluster's atoms, in its order)"));
        }
        return ratios.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
