package org.wisekit.geohard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TransformTest {

    @Test
    void parsesAndPrintsEveryKind() {
        assertThat(Transform.parse("none")).isEqualTo(Transform.none());
        assertThat(Transform.parse(" PCA:5 ")).isEqualTo(Transform.pca(5));
        assertThat(Transform.parse("umap:2")).isEqualTo(Transform.umap(2));
        assertThat(Transform.parse("UMAP:10")).isEqualTo(new Transform(Transform.Kind.UMAP, 10));
        for (Transform t : new Transform[] {Transform.none(), Transform.pca(3), Transform.umap(7)}) {
            assertThat(Transform.parse(t.toString())).isEqualTo(t);
        }
        assertThat(Transform.umap(2)).hasToString("umap:2");
        assertThat(Transform.pca(4)).hasToString("pca:4");
        assertThat(Transform.none()).hasToString("none");
    }

    @Test
    void rejectsBadTransformsNamingTheValue() {
        for (String bad : new String[] {"umap:0", "umap:-2", "umap:", "umap:x", "pca:0", "tsne:2", "umap2", ""}) {
            assertThatThrownBy(() -> Transform.parse(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'none', 'pca:K' or 'umap:K' with K >= 1, got '" + bad + "'");
        }
        assertThatThrownBy(() -> Transform.parse(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("transform must not be null");
        assertThatThrownBy(() -> Transform.umap(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("components must be >= 1 for transform umap, got 0");
        assertThatThrownBy(() -> new Transform(Transform.Kind.NONE, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("components must be 0 for transform none, got 2");
        assertThatThrownBy(() -> new Transform(null, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kind must not be null");
    }
}
