package org.wisekit.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CIFAR-10 folder reader on synthetic solid-colour JPEGs. */
class Cifar10Test {

    @TempDir
    Path temp;

    private static void writeJpeg(Path file, int side, Color color) throws IOException {
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, side, side);
        g.dispose();
        Files.createDirectories(file.getParent());
        ImageIO.write(image, "jpg", file.toFile());
    }

    /** Two images per class; the red channel encodes the class, the green one the file number. */
    private Path classFolders() throws IOException {
        for (int label = 0; label < Cifar10.CLASS_NAMES.size(); label++) {
            for (int n = 0; n < 2; n++) {
                writeJpeg(temp.resolve(Cifar10.CLASS_NAMES.get(label)).resolve("000" + n + ".jpg"), 32,
                        new Color(label * 25, n * 200, 128));
            }
        }
        return temp;
    }

    @Test
    void readsClassesInCifarOrderAsNhwc() throws IOException {
        LabeledImages images = Cifar10.read(classFolders(), Integer.MAX_VALUE);

        assertThat(images.images().shape()).containsExactly(20, 32, 32, 3);
        assertThat(images.labels()).startsWith(0, 0, 1, 1).endsWith(9, 9);
        // JPEG is lossy; solid colours come back within a few levels.
        assertThat(images.images().get(19, 5, 5, 0)).isCloseTo(225 / 255f, within(3 / 255f));
        assertThat(images.images().get(19, 5, 5, 1)).isCloseTo(200 / 255f, within(3 / 255f));
        assertThat(images.images().get(18, 5, 5, 1)).isCloseTo(0f, within(3 / 255f));
        assertThat(images.images().get(0, 31, 31, 2)).isCloseTo(128 / 255f, within(3 / 255f));
    }

    @Test
    void takesTheFirstFilesOfEachClass() throws IOException {
        LabeledImages images = Cifar10.read(classFolders(), 1);

        assertThat(images.size()).isEqualTo(10);
        assertThat(images.labels()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(images.images().get(3, 0, 0, 1)).isCloseTo(0f, within(3 / 255f));
    }

    @Test
    void wrongSizeOrNonImageFilesAreMalformed() throws IOException {
        Path folder = classFolders();
        writeJpeg(folder.resolve("cat/0000.jpg"), 16, Color.BLACK);
        assertThatThrownBy(() -> Cifar10.read(folder, 1))
                .isInstanceOf(MalformedDataException.class)
                .hasMessageContaining("0000.jpg: is 16x16, expected 32x32");

        Files.writeString(folder.resolve("cat/0000.jpg"), "not a jpeg");
        assertThatThrownBy(() -> Cifar10.read(folder, 1)).isInstanceOf(MalformedDataException.class);
    }

    @Test
    void aMissingClassFolderIsNamed() throws IOException {
        Files.createDirectories(temp.resolve("airplane"));

        assertThatThrownBy(() -> Cifar10.read(temp, 1)).hasMessageContaining("has no class folder 'automobile'");
    }
}
