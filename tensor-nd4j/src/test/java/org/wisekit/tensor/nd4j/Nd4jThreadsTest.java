package org.wisekit.tensor.nd4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.memory.NoOpMemoryMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

class Nd4jThreadsTest {

    @Test
    void singleRunsOnOneThreadAndRestoresTheSettings() {
        NativeOps ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
        int omp = ops.ompGetMaxThreads();
        int blas = Nd4j.factory().blas().getMaxThreads();
        int[] inside = Nd4jThreads.single(() -> new int[] {ops.ompGetMaxThreads(), Nd4j.factory().blas().getMaxThreads()});
        assertThat(inside).containsExactly(1, 1);
        assertThat(ops.ompGetMaxThreads()).isEqualTo(omp);
        assertThat(Nd4j.factory().blas().getMaxThreads()).isEqualTo(blas);
    }

    @Test
    void withoutArrayReuseCoversTheGraphAndItsGradientFunction() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, 3);
        SDVariable w = sd.var("w", Nd4j.ones(DataType.FLOAT, 3, 2));
        x.mmul(w).mul(x.mmul(w)).sum().rename("loss");
        sd.setLossVariables("loss");
        sd.createGradFunction();
        Nd4jThreads.withoutArrayReuse(sd);
        long thread = Thread.currentThread().getId();
        assertThat(sd.getSessions().get(thread).getMmgr()).isInstanceOf(NoOpMemoryMgr.class);
        assertThat(sd.getFunction("grad").getSessions().get(thread).getMmgr()).isInstanceOf(NoOpMemoryMgr.class);
        INDArray in = Nd4j.create(new float[] {1, 2, 3, 4, 5, 6}, new long[] {2, 3}, 'c');
        Map<String, INDArray> first = sd.calculateGradients(Map.of("x", in), "w");
        Map<String, INDArray> second = sd.calculateGradients(Map.of("x", in), "w");
        // d/dw sum((x w)^2) = 2 x^T (x w): column sums of 2 x^T x 1
        assertThat(first.get("w").getFloat(0, 0)).isEqualTo(2 * (1 * 6 + 4 * 15));
        assertThat(second.get("w")).isEqualTo(first.get("w"));
    }
}
