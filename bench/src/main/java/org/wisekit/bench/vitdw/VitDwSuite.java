package org.wisekit.bench.vitdw;

import java.util.List;
import org.wisekit.bench.BenchSuite;

/**
 * The {@code vitdw} suite: the DW module's depth-wise convolution, plain Java and the per-channel matrix
 * form against ND4J's {@code depthwise_conv2d} op, forward and backward, at the micro-ViT's shapes and
 * ViT-Tiny's 14 x 14 grid.
 */
public final class VitDwSuite implements BenchSuite {

    @Override
    public String name() {
        return "vitdw";
    }

    @Override
    public String description() {
        return "depth-wise 3x3 conv (NHWC): plain Java and SameDiff matrix form vs ND4J's depthwise_conv2d op";
    }

    @Override
    public String includePattern() {
        return "org\\.wisekit\\.bench\\.vitdw\\..*";
    }

    @Override
    public List<Ratio> ratios() {
        return List.of(new Ratio("java / ND4J op, forward", "javaForward", "nd4jOpForward"),
                new Ratio("java / ND4J op, backward", "javaBackward", "nd4jOpBackward"),
                new Ratio("matrix / ND4J op, forward", "matrixForward", "nd4jOpForward"),
                new Ratio("matrix / ND4J op, backward", "matrixBackward", "nd4jOpBackward"));
    }
}
