package io.switchboard.metering.aggregate;

import java.nio.ByteBuffer;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * {@link SpendTotals} as a format byte and big-endian longs, read without parsing, as a query over months reads many
 * thousands of them. A new field gets a new format byte; older values still read: format 1 (nine longs, 73 bytes) has
 * no teacher cost, format 2 (ten, 81 bytes) ends with it.
 */
public final class SpendTotalsSerde implements Serde<SpendTotals> {

    private static final byte FORMAT = 2;
    private static final byte FORMAT_1 = 1;
    private static final int SIZE = 1 + 10 * Long.BYTES;
    private static final int SIZE_1 = 1 + 9 * Long.BYTES;

    @Override
    public Serializer<SpendTotals> serializer() {
        return (topic, t) -> t == null
                ? null
                : ByteBuffer.allocate(SIZE).put(FORMAT)
                        .putLong(t.requests()).putLong(t.errors()).putLong(t.inputTokens())
                        .putLong(t.cachedInputTokens())
                        .putLong(t.cacheWriteTokens()).putLong(t.outputTokens()).putLong(t.reasoningTokens())
                        .putLong(t.costMicros()).putLong(t.latencyMillis()).putLong(t.teacherCostMicros()).array();
    }

    @Override
    public Deserializer<SpendTotals> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            boolean current = bytes.length == SIZE && bytes[0] == FORMAT;
            if (!current && !(bytes.length == SIZE_1 && bytes[0] == FORMAT_1)) {
                throw new SerializationException("not spend totals of format " + FORMAT_1 + " or " + FORMAT);
            }
            var b = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
            return new SpendTotals(b.getLong(), b.getLong(), b.getLong(), b.getLong(), b.getLong(), b.getLong(),
                    b.getLong(), b.getLong(), b.getLong(), current ? b.getLong() : 0);
        };
    }
}
