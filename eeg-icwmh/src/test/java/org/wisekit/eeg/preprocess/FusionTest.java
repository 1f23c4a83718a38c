package org.wisekit.eeg.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FusionTest {

    private static final float[][] IMAGE = {{0, 100}, {200, 255}};
    private static final byte[][] EDGES = {{1, 0}, {1, 1}};

    @Test
    void hadamardByHand() {
        float[][][] f = Fusion.fuse(Fusion.Mode.HADAMARD, IMAGE, EDGES, 1.0);
        assertThat(f.length).isEqualTo(1);
        assertThat(f[0]).isDeepEqualTo(new float[][] {{0, 100}, {400, 510}});
        assertThat(Fusion.fuse(Fusion.Mode.HADAMARD, IMAGE, EDGES, 0.5)[0])
                .isDeepEqualTo(new float[][] {{0, 100}, {300, 382.5f}});
        assertThat(Fusion.fullScale(Fusion.Mode.HADAMARD, 0.5)).isEqualTo(382.5);
    }

    @Test
    void concatByHand() {
        float[][][] f = Fusion.fuse(Fusion.Mode.CONCAT, IMAGE, EDGES, 1.0);
        assertThat(f.length).isEqualTo(2);
        assertThat(f[0]).isDeepEqualTo(IMAGE);
        assertThat(f[1]).isDeepEqualTo(new float[][] {{255, 0}, {255, 255}});
        assertThat(Fusion.fullScale(Fusion.Mode.CONCAT, 1.0)).isEqualTo(255.0);
    }

    @Test
    void addByHand() {
        assertThat(Fusion.fuse(Fusion.Mode.ADD, IMAGE, EDGES, 1.0)[0])
                .isDeepEqualTo(new float[][] {{255, 100}, {455, 510}});
        assertThat(Fusion.fuse(Fusion.Mode.ADD, IMAGE, EDGES, 0.0)[0]).isDeepEqualTo(IMAGE);
        assertThat(Fusion.fullScale(Fusion.Mode.ADD, 1.0)).isEqualTo(510.0);
    }

    @Test
    void edgesOnlyAndImageOnlyByHand() {
        assertThat(Fusion.fuse(Fusion.Mode.EDGES_ONLY, IMAGE, EDGES, 1.0)[0])
                .isDeepEqualTo(new float[][] {{255, 0}, {255, 255}});
        assertThat(Fusion.fuse(Fusion.Mode.IMAGE_ONLY, IMAGE, null, 1.0)[0]).isDeepEqualTo(IMAGE);
        assertThat(Fusion.Mode.IMAGE_ONLY.needsEdges()).isFalse();
        assertThat(Fusion.Mode.CONCAT.channels()).isEqualTo(2);
    }

    @Test
    void badInputIsRejectedNamingTheParameter() {
        assertThatThrownBy(() -> Fusion.fuse(Fusion.Mode.HADAMARD, IMAGE, new byte[][] {{2, 0}, {0, 0}}, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("edges[0][0]");
        assertThatThrownBy(() -> Fusion.fuse(Fusion.Mode.HADAMARD, IMAGE, new byte[1][2], 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("edges");
        assertThatThrownBy(() -> Fusion.fuse(Fusion.Mode.HADAMARD, IMAGE, null, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("edges");
        assertThatThrownBy(() -> Fusion.fuse(Fusion.Mode.ADD, IMAGE, EDGES, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lambda");
        assertThatThrownBy(() -> Fusion.fullScale(null, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mode");
    }
}
