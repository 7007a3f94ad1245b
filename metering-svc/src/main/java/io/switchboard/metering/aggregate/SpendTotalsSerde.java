package io.switchboard.metering.aggregate;

import java.nio.ByteBuffer;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * {@link SpendTotals} as a format byte and nine big-endian longs: 73 bytes, read without parsing, as a query over
 * months reads many thousands of them. A new field gets a new format byte; older values still read.
 */
public final class SpendTotalsSerde implements Serde<SpendTotals> {

    private static final byte FORMAT = 1;
    private static final int SIZE = 1 + 9 * Long.BYTES;

    @Override
    public Serializer<SpendTotals> serializer() {
        return (topic, t) -> t == null
                ? null
                : ByteBuffer.allocate(SIZE).put(FORMAT)
                        .putLong(t.requests()).putLong(t.errors()).putLong(t.inputTokens())
                        .putLong(t.cachedInputTokens())
                        .putLong(t.cacheWriteTokens()).putLong(t.outputTokens()).putLong(t.reasoningTokens())
                        .putLong(t.costMicros()).putLong(t.latencyMillis()).array();
    }

    @Override
    public Deserializer<SpendTotals> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            if (bytes.length != SIZE || bytes[0] != FORMAT) {
                throw new SerializationException("not spend totals of format " + FORMAT);
            }
            var b = ByteBuffer.wrap(bytes, 1, SIZE - 1);
            return new SpendTotals(b.getLong(), b.getLong(), b.getLong(), b.getLong(), b.getLong(), b.getLong(),
                    b.getLong(), b.getLong(), b.getLong());
        };
    }
}
