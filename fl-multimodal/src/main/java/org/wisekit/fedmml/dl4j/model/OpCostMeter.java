package org.wisekit.fedmml.dl4j.model;

import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Counts what a graph actually executes, op by op, from the arrays the ops receive and produce: FLOPs
 * ({@code 2 M N K} per matrix product ({@code matmul}, {@code xw_plus_b}), twice that for its backward op, which yields both input gradients;
 * one per output element, or per input element if more, for every other op) and the bytes of every array the
 * ops allocate. Accumulates until {@link #reset()}.
 */
public final class OpCostMeter extends BaseListener {

    private long flops;
    private long allocatedBytes;
    private long largestOpBytes;
    private long ops;

    @Override
    public boolean isActive(Operation operation) {
        return true;
    }

    @Override
    public void opExecution(SameDiff sd, At at, MultiDataSet batch, SameDiffOp op, OpContext opContext, INDArray[] outputs) {
        ops++;
        long outBytes = 0;
        long outElements = 0;
        for (INDArray o : outputs) {
            if (o != null) {
                outBytes += o.length() * o.dataType().width();
                outElements += o.length();
            }
        }
        long inBytes = 0;
        long inElements = 0;
        var inputs = opContext == null ? java.util.List.<INDArray>of() : opContext.getInputArrays();
        for (INDArray in : inputs) {
            if (in != null) {
                inBytes += in.length() * in.dataType().width();
                inElements += in.length();
            }
        }
        allocatedBytes += outBytes;
        largestOpBytes = Math.max(largestOpBytes, inBytes + outBytes);
        String name = op.getOp().opName();
        if ((name.equals("matmul") || name.equals("xw_plus_b")) && inputs.size() >= 2 && outputs.length > 0) {
            flops += matmulFlops(inputs.get(0), outputs[0]);
        } else if ((name.equals("matmul_bp") || name.equals("xw_plus_b_bp")) && inputs.size() >= 3) {
            flops += 2 * matmulFlops(inputs.get(0), inputs.get(inputs.size() - 1));
        } else {
            flops += Math.max(outElements, inElements);
        }
    }

    /** 2 M N K for a (batched) product with left operand {@code a} and result {@code c} of shape [..., M, N]. */
    static long matmulFlops(INDArray a, INDArray c) {
        long[] cs = c.shape();
        long m = cs[cs.length - 2];
        long batch = c.length() / (m * cs[cs.length - 1]);
        long k = a.length() / batch / m;
        return 2 * c.length() * k;
    }

    public long flops() {
        return flops;
    }

    /** Sum of the bytes of every array the counted ops produced. */
    public long allocatedBytes() {
        return allocatedBytes;
    }

    /** The largest bytes one op held at once (its inputs plus its outputs). */
    public long largestOpBytes() {
        return largestOpBytes;
    }

    public long ops() {
        return ops;
    }

    public void reset() {
        flops = 0;
        allocatedBytes = 0;
        largestOpBytes = 0;
        ops = 0;
    }
}
