package org.wisekit.dfmsd.dl4j;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.wisekit.dfmsd.data.DetectionSet;

/** A distillation method's part of one stage's training graph, and what it feeds at every step. */
interface DistillTerm {

    /** The placeholder of the weight on the method's loss (set from the first batch's balance). */
    String WEIGHT = "kd.weight";

    /**
     * Adds the method's placeholders, modules and loss to {@code sd}.
     *
     * @param sd        the stage's graph
     * @param student   the student's FPN features per level
     * @param trainable receives the names of the method's trainable variables
     * @return the weighted distillation loss (scalar)
     */
    SDVariable build(SameDiff sd, SDVariable[] student, List<String> trainable);

    /** Feeds the teacher features (and masks) of the images {@code index} of {@code data}. */
    void feed(DetectionSet data, int[] index, Map<String, INDArray> feed, SplittableRandom random);
}
