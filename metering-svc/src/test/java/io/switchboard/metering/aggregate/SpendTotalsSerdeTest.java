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
        var totals = new SpendTotals(3, 1, 900, 100, 50, 300, 20, 1_200, 450, 36_000);

        var bytes = serde.serializer().serialize("t", totals);

        assertThat(bytes).hasSize(81);
        assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(totals);
    }

    @Test
    void totalsOfTheFirstFormatReadWithNoTeacherCost() {
        var first = ByteBuffer.allocate(73).put((byte) 1);
        for (long value : new long[]{3, 1, 900, 100, 50, 300, 20, 1_200, 450}) {
            first.putLong(value);
        }

        assertThat(serde.deserializer().deserialize("t", first.array()))
                .isEqualTo(new SpendTotals(3, 1, 900, 100, 50, 300, 20, 1_200, 450, 0));
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[]{9, 0, 0}))
                .isInstanceOf(SerializationException.class);
    }
}
