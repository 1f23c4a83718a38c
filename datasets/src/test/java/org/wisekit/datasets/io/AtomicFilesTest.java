package org.wisekit.datasets.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @Test
    void replacesContentAndLeavesNoTemporaryFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("sub/a.txt");
        AtomicFiles.writeString(f, "one");
        AtomicFiles.writeString(f, "two");
        assertThat(Files.readString(f)).isEqualTo("two");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
                .isEqualTo("rw-r--r--");
        try (var list = Files.list(f.getParent())) {
            assertThat(list).containsExactly(f);
        }
    }

    @Test
    void ownerOnlyFilesStayPrivateWhenReplaced(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("secret.key");
        AtomicFiles.writeString(f, "public before");
        AtomicFiles.writeOwnerOnly(f, new byte[] {1, 2, 3});
        assertThat(Files.readAllBytes(f)).containsExactly(1, 2, 3);
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
                .isEqualTo("rw-------");
        try (var list = Files.list(dir)) {
            assertThat(list).containsExactly(f);
        }
    }
}
