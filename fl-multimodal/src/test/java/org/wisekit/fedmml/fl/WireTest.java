package org.wisekit.fedmml.fl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wisekit.fedmml.wire.TensorProto;
import org.wisekit.fedmml.wire.Update;

class WireTest {

    @Test
    void updatesRoundTripBitExactly() throws Exception {
        NamedTensors t = new NamedTensors().put("a", new int[] {2, 2}, new float[] {1, -0f, Float.MIN_VALUE, 3e38f})
                .put("b", new int[] {1}, new float[] {0.1f});
        ClientUpdate u = new ClientUpdate("c", 3, 17, t, Map.of("loss", 0.5));
        ClientUpdate back = Wire.decodeUpdate(Update.parseFrom(Wire.encodeUpdate(u).toByteArray()));
        assertThat(back.tensors().bitEquals(t)).isTrue();
        assertThat(back.tensors().names()).containsExactly("a", "b");
        assertThat(back.numSamples()).isEqualTo(17);
        assertThat(back.metrics()).containsEntry("loss", 0.5);
        // 4 bytes per value (20) plus names, shapes, metrics and framing
        assertThat(Wire.encodeUpdate(u).getSerializedSize()).isBetween(20, 100);
    }

    @Test
    void malformedMessagesAreRejected() {
        Update wrongBytes = Update.newBuilder().setWireVersion(Wire.VERSION).setClientId("c")
                .addTensors(TensorProto.newBuilder().setName("w").addShape(2).addShape(3)
                        .setData(ByteString.copyFrom(new byte[20]))).build();
        assertThatThrownBy(() -> Wire.decodeUpdate(wrongBytes)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("20 bytes do not hold shape [2, 3]");
        TensorProto ok = TensorProto.newBuilder().setName("w").addShape(1).setData(ByteString.copyFrom(new byte[4])).build();
        Update twice = Update.newBuilder().setWireVersion(Wire.VERSION).setClientId("c").addAllTensors(List.of(ok, ok)).build();
        assertThatThrownBy(() -> Wire.decodeUpdate(twice)).hasMessageContaining("appears twice");
        Update negative = Update.newBuilder().setWireVersion(Wire.VERSION).setClientId("c")
                .addTensors(TensorProto.newBuilder().setName("w").addShape(-1)).build();
        assertThatThrownBy(() -> Wire.decodeUpdate(negative)).hasMessageContaining("bad dimension -1");
        Update future = Update.newBuilder().setWireVersion(Wire.VERSION + 1).setClientId("c").build();
        assertThatThrownBy(() -> Wire.decodeUpdate(future)).hasMessageContaining("wire version 3 is not supported");
    }
}
