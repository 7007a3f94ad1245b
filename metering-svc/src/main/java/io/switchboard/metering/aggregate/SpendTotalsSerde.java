package io.switchboard.metering.aggregate;

import java.nio.ByteBuffer;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * {@link SpendTotals} as a format byte and big-endian longs, read without parsing, as a query over months reads many
 * thousands of them. A new field gets a new format byte; older values still read, the fields they lack as 0: format 1
 * has nine longs (no teacher cost), format 2 ten (no shadow requests and cost), format 3 twelve.
 */
public final class SpendTotalsSerde implements Serde<SpendTotals> {

    private static final byte FORMAT = 3;
    private static final int LONGS = 12;
    /** The number of longs of each format, by format byte. */
    private static final int[] FORMAT_LONGS = {0, 9, 10, LONGS};
    private static final int SIZE = 1 + LONGS * Long.BYTES;

    @Override
    public Serializer<SpendTotals> serializer() {
        return (topic, t) -> t == null
                ? null
                : ByteBuffer.allocate(SIZE).put(FORMAT)
                        .putLong(t.requests()).putLong(t.errors()).putLong(t.inputTokens())
                        .putLong(t.cachedInputTokens())
                        .putLong(t.cacheWriteTokens()).putLong(t.outputTokens()).putLong(t.reasoningTokens())
                        .putLong(t.costMicros()).putLong(t.latencyMillis()).putLong(t.teacherCostMicros())
                        .putLong(t.shadowRequests()).putLong(t.shadowCostMicros()).array();
    }

    @Override
    public Deserializer<SpendTotals> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            int format = bytes.length == 0 ? 0 : bytes[0];
            if (format < 1 || format > FORMAT || bytes.length != 1 + FORMAT_LONGS[format] * Long.BYTES) {
                throw new SerializationException("not spend totals of format 1 to " + FORMAT);
            }
            var values = new long[LONGS];
            var b = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
            for (int i = 0; i < FORMAT_LONGS[format]; i++) {
                values[i] = b.getLong();
            }
            return new SpendTotals(values[0], values[1], values[2], values[3], values[4], values[5], values[6],
                    values[7], values[8], values[9], values[10], values[11]);
        };
    }
}
