package org.wisekit.fedmml.dl4j.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class OpCostMeterTest {

    @Test
    void countsTwoMnkPerProductForwardAndTwiceThatBackward() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, 5);
        SDVariable w = sd.var("w", Nd4j.ones(DataType.FLOAT, 5, 3));
        x.mmul(w).sum().rename("loss");
        OpCostMeter forward = new OpCostMeter();
        sd.setListeners(forward);
        sd.output(Map.of("x", Nd4j.ones(DataType.FLOAT, 4, 5)), "loss");
        // matmul 2*4*3*5 = 120, plus the sum over 12 inputs
        assertThat(forward.flops()).isEqualTo(120 + 12);
        assertThat(forward.allocatedBytes()).isEqualTo(4 * (12 + 1));

        OpCostMeter both = new OpCostMeter();
        sd.setListeners(both);
        sd.calculateGradients(Map.of("x", Nd4j.ones(DataType.FLOAT, 4, 5)), "w");
        assertThat(both.flops()).isGreaterThanOrEqualTo(120 + 12 + 2 * 120);
        assertThat(both.ops()).isGreaterThan(2);
    }
}
