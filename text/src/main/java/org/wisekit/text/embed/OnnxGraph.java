package org.wisekit.text.embed;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The nodes and float initializers of an ONNX model, read straight from its protobuf encoding with ONNX's
 * field numbers (ModelProto.graph = 7; GraphProto.node = 1, initializer = 5; NodeProto input = 1,
 * output = 2, name = 3, op_type = 4; TensorProto dims = 1, data_type = 2, float_data = 4, name = 8,
 * raw_data = 9, little-endian). Only what a weight reader needs; unknown fields are skipped.
 */
public final class OnnxGraph {

    /** A graph node. */
    public record Node(String name, String opType, List<String> inputs, List<String> outputs) {
    }

    /** A float initializer. */
    public record Initializer(long[] dims, float[] values) {
    }

    private final List<Node> nodes;
    private final Map<String, Initializer> initializers;

    private OnnxGraph(List<Node> nodes, Map<String, Initializer> initializers) {
        this.nodes = nodes;
        this.initializers = initializers;
    }

    public List<Node> nodes() {
        return nodes;
    }

    public Map<String, Initializer> initializers() {
        return initializers;
    }

    public static OnnxGraph read(InputStream in) throws IOException {
        return parse(in.readAllBytes());
    }

    public static OnnxGraph parse(byte[] model) {
        Reader r = new Reader(model, 0, model.length);
        List<Node> nodes = new ArrayList<>();
        Map<String, Initializer> inits = new LinkedHashMap<>();
        boolean sawGraph = false;
        while (r.more()) {
            int tag = r.varint32();
            if (tag >>> 3 == 7 && (tag & 7) == 2) {
                sawGraph = true;
                Reader g = r.sub();
                while (g.more()) {
                    int gt = g.varint32();
                    if (gt >>> 3 == 1 && (gt & 7) == 2) {
                        nodes.add(node(g.sub()));
                    } else if (gt >>> 3 == 5 && (gt & 7) == 2) {
                        tensor(g.sub(), inits);
                    } else {
                        g.skip(gt & 7);
                    }
                }
            } else {
                r.skip(tag & 7);
            }
        }
        if (!sawGraph) {
            throw new IllegalArgumentException("not an ONNX model: no graph field");
        }
        return new OnnxGraph(nodes, inits);
    }

    private static Node node(Reader r) {
        List<String> in = new ArrayList<>();
        List<String> out = new ArrayList<>();
        String name = "";
        String op = "";
        while (r.more()) {
            int tag = r.varint32();
            int field = tag >>> 3;
            if ((tag & 7) == 2 && field >= 1 && field <= 4) {
                String s = r.string();
                switch (field) {
                    case 1 -> in.add(s);
                    case 2 -> out.add(s);
                    case 3 -> name = s;
                    default -> op = s;
                }
            } else {
                r.skip(tag & 7);
            }
        }
        return new Node(name, op, in, out);
    }

    private static void tensor(Reader r, Map<String, Initializer> inits) {
        List<Long> dims = new ArrayList<>();
        int type = 0;
        String name = "";
        byte[] raw = null;
        List<Float> floats = new ArrayList<>();
        while (r.more()) {
            int tag = r.varint32();
            int field = tag >>> 3;
            int wire = tag & 7;
            if (field == 1 && wire == 0) {
                dims.add(r.varint64());
            } else if (field == 1 && wire == 2) {
                Reader p = r.sub();
                while (p.more()) {
                    dims.add(p.varint64());
                }
            } else if (field == 2 && wire == 0) {
                type = (int) r.varint64();
            } else if (field == 4 && wire == 2) {
                Reader p = r.sub();
                while (p.more()) {
                    floats.add(p.float32());
                }
            } else if (field == 4 && wire == 5) {
                floats.add(r.float32());
            } else if (field == 8 && wire == 2) {
                name = r.string();
            } else if (field == 9 && wire == 2) {
                raw = r.bytes();
            } else {
                r.skip(wire);
            }
        }
        if (type != 1) {
            return; // not FLOAT: shape constants and the like
        }
        long count = 1;
        for (long d : dims) {
            count *= d;
        }
        float[] values = new float[(int) count];
        if (raw != null) {
            if (raw.length != count * 4) {
                throw new IllegalArgumentException("initializer '" + name + "': " + raw.length + " raw bytes for " + count
                        + " floats");
            }
            ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        } else {
            if (floats.size() != count) {
                throw new IllegalArgumentException("initializer '" + name + "': " + floats.size() + " floats for shape "
                        + dims);
            }
            for (int i = 0; i < count; i++) {
                values[i] = floats.get(i);
            }
        }
        inits.put(name, new Initializer(dims.stream().mapToLong(Long::longValue).toArray(), values));
    }

    /** A bounded protobuf wire-format reader. */
    private static final class Reader {
        private final byte[] b;
        private int pos;
        private final int end;

        Reader(byte[] b, int pos, int end) {
            this.b = b;
            this.pos = pos;
            this.end = end;
        }

        boolean more() {
            return pos < end;
        }

        long varint64() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (pos >= end) {
                    throw new IllegalArgumentException("truncated ONNX protobuf (varint at " + pos + ")");
                }
                byte x = b[pos++];
                v |= (long) (x & 0x7f) << shift;
                if (x >= 0) {
                    return v;
                }
            }
            throw new IllegalArgumentException("malformed varint at " + pos);
        }

        int varint32() {
            return (int) varint64();
        }

        int length() {
            long n = varint64();
            if (n < 0 || pos + n > end) {
                throw new IllegalArgumentException("truncated ONNX protobuf: field of " + n + " bytes at " + pos
                        + " past " + end);
            }
            return (int) n;
        }

        Reader sub() {
            int n = length();
            Reader r = new Reader(b, pos, pos + n);
            pos += n;
            return r;
        }

        byte[] bytes() {
            int n = length();
            byte[] out = java.util.Arrays.copyOfRange(b, pos, pos + n);
            pos += n;
            return out;
        }

        String string() {
            return new String(bytes(), java.nio.charset.StandardCharsets.UTF_8);
        }

        float float32() {
            if (pos + 4 > end) {
                throw new IllegalArgumentException("truncated ONNX protobuf (float at " + pos + ")");
            }
            float f = ByteBuffer.wrap(b, pos, 4).order(ByteOrder.LITTLE_ENDIAN).getFloat();
            pos += 4;
            return f;
        }

        void skip(int wire) {
            switch (wire) {
                case 0 -> varint64();
                case 1 -> pos += 8;
                case 2 -> {
                    int n = length();
                    pos += n;
                }
                case 5 -> pos += 4;
                default -> throw new IllegalArgumentException("unsupported protobuf wire type " + wire + " at " + pos);
            }
            if (pos > end) {
                throw new IllegalArgumentException("truncated ONNX protobuf at " + pos);
            }
        }
    }
}
