package io.switchboard.metering.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** Spend totals in the store: the current format round-trips, and totals written before the teacher cost still read. */
class SpendTotalsSerdeTest {

    private final SpendTotalsSerde serde = new SpendTotalsSerde();

    @Test
    void totalsRoundTrip() {
        var totals = new SpendTotals(3, 1, 900, 100, 50, 300, 20, 1_200, 450, 36_000, 1, 400);

        var bytes = serde.serializer().serialize("t", totals);

        assertThat(bytes).hasSize(97);
        assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(totals);
    }

    @Test
    void totalsOfEarlierFormatsReadWithoutTheFieldsTheyLack() {
        assertThat(serde.deserializer().deserialize("t", format(1, 3, 1, 900, 100, 50, 300, 20, 1_200, 450)))
                .isEqualTo(new SpendTotals(3, 1, 900, 100, 50, 300, 20, 1_200, 450, 0, 0, 0));
        assertThat(serde.deserializer().deserialize("t", format(2, 3, 1, 900, 100, 50, 300, 20, 1_200, 450, 36_000)))
                .isEqualTo(new SpendTotals(3, 1, 900, 100, 50, 300, 20, 1_200, 450, 36_000, 0, 0));
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[]{9, 0, 0}))
                .isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", format(2, 3, 1, 900)))
                .isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[0]))
                .isInstanceOf(SerializationException.class);
    }

    private static byte[] format(int format, long... values) {
        var bytes = ByteBuffer.allocate(1 + values.length * Long.BYTES).put((byte) format);
        for (long value : values) {
            bytes.putLong(value);
        }
        return bytes.array();
    }
}
