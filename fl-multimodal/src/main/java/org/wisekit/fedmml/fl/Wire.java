package org.wisekit.fedmml.fl;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.wisekit.fedmml.wire.Evaluation;
import org.wisekit.fedmml.wire.Task;
import org.wisekit.fedmml.wire.TensorProto;
import org.wisekit.fedmml.wire.Update;

/**
 * The versioned wire format (protobuf messages of {@code fedmml.proto}): tensors as name, shape and
 * little-endian float32 bytes. Every transport, the in-process one included, sends these messages, so
 * byte counts and decoded values are the same whichever runs.
 */
public final class Wire {

    /** Version carried by every message; a peer with another version is refused (2: evaluation tasks). */
    public static final int VERSION = 2;

    private Wire() {
    }

    public static Task encodeTask(FitTask task) {
        return Task.newBuilder().setWireVersion(VERSION).setKind(Task.Kind.FIT).setRound(task.round())
                .putAllConfig(task.config()).addAllTensors(encode(task.tensors())).addAllTrainable(task.trainable())
                .build();
    }

    public static FitTask decodeTask(Task task) {
        checkVersion(task.getWireVersion());
        if (task.getKind() != Task.Kind.FIT) {
            throw new IllegalArgumentException("task kind " + task.getKind() + " is not FIT");
        }
        return new FitTask(task.getRound(), task.getConfigMap(), decode(task.getTensorsList()), task.getTrainableList());
    }

    public static Task encodeEvaluateTask(EvaluateTask task) {
        return Task.newBuilder().setWireVersion(VERSION).setKind(Task.Kind.EVALUATE).setRound(task.round())
                .putAllConfig(task.config()).addAllTensors(encode(task.tensors())).build();
    }

    public static EvaluateTask decodeEvaluateTask(Task task) {
        checkVersion(task.getWireVersion());
        if (task.getKind() != Task.Kind.EVALUATE) {
            throw new IllegalArgumentException("task kind " + task.getKind() + " is not EVALUATE");
        }
        return new EvaluateTask(task.getRound(), task.getConfigMap(), decode(task.getTensorsList()));
    }

    public static Evaluation encodeEvaluation(ClientEvaluation e) {
        return Evaluation.newBuilder().setWireVersion(VERSION).setClientId(e.clientId()).setRound(e.round())
                .setNumExamples(e.numExamples()).setLoss(e.loss()).putAllMetrics(e.metrics()).build();
    }

    public static ClientEvaluation decodeEvaluation(Evaluation e) {
        checkVersion(e.getWireVersion());
        return new ClientEvaluation(e.getClientId(), e.getRound(), e.getNumExamples(), e.getLoss(),
                new LinkedHashMap<>(e.getMetricsMap()));
    }

    public static Update encodeUpdate(ClientUpdate u) {
        return Update.newBuilder().setWireVersion(VERSION).setClientId(u.clientId()).setRound(u.round())
                .setNumSamples(u.numSamples()).addAllTensors(encode(u.tensors())).putAllMetrics(u.metrics()).build();
    }

    public static ClientUpdate decodeUpdate(Update u) {
        checkVersion(u.getWireVersion());
        return new ClientUpdate(u.getClientId(), u.getRound(), u.getNumSamples(), decode(u.getTensorsList()),
                new LinkedHashMap<>(u.getMetricsMap()));
    }

    public static void checkVersion(int version) {
        if (version != VERSION) {
            throw new IllegalArgumentException("wire version " + version + " is not supported (this side speaks "
                    + VERSION + ")");
        }
    }

    static List<TensorProto> encode(NamedTensors tensors) {
        List<TensorProto> out = new ArrayList<>(tensors.size());
        for (String n : tensors.names()) {
            float[] v = tensors.get(n);
            ByteBuffer bytes = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
            bytes.asFloatBuffer().put(v);
            TensorProto.Builder b = TensorProto.newBuilder().setName(n).setData(ByteString.copyFrom(bytes.array()));
            for (int d : tensors.shape(n)) {
                b.addShape(d);
            }
            out.add(b.build());
        }
        return out;
    }

    /** Decodes tensors; a shape that does not match the data length is an IllegalArgumentException. */
    static NamedTensors decode(List<TensorProto> protos) {
        NamedTensors out = new NamedTensors();
        for (TensorProto p : protos) {
            int[] shape = new int[p.getShapeCount()];
            long elements = 1;
            for (int i = 0; i < shape.length; i++) {
                long d = p.getShape(i);
                if (d <= 0 || d > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("tensor " + p.getName() + ": bad dimension " + d);
                }
                shape[i] = (int) d;
                elements *= d;
            }
            if (p.getData().size() != 4 * elements) {
                throw new IllegalArgumentException("tensor " + p.getName() + ": " + p.getData().size()
                        + " bytes do not hold shape " + p.getShapeList());
            }
            if (out.contains(p.getName())) {
                throw new IllegalArgumentException("tensor " + p.getName() + " appears twice");
            }
            float[] v = new float[(int) elements];
            p.getData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
            out.put(p.getName(), shape, v);
        }
        return out;
    }
}
