package io.switchboard.metering.budget;

import java.nio.ByteBuffer;
import java.time.Instant;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * One request's cost charged to one budget subject (its user, its team, its key), on the way from the user-keyed
 * usage partitions to the subject-keyed budget partitions.
 */
record BudgetCharge(long timeMillis, long costMicros) {

    Instant time() {
        return Instant.ofEpochMilli(timeMillis);
    }

    /** Two big-endian longs. */
    static final class BudgetChargeSerde implements Serde<BudgetCharge> {

        private static final int SIZE = 2 * Long.BYTES;

        @Override
        public Serializer<BudgetCharge> serializer() {
            return (topic, charge) -> charge == null
                    ? null
                    : ByteBuffer.allocate(SIZE).putLong(charge.timeMillis()).putLong(charge.costMicros()).array();
        }

        @Override
        public Deserializer<BudgetCharge> deserializer() {
            return (topic, bytes) -> {
                if (bytes == null) {
                    return null;
                }
                if (bytes.length != SIZE) {
                    throw new SerializationException("not a budget charge");
                }
                var b = ByteBuffer.wrap(bytes);
                return new BudgetCharge(b.getLong(), b.getLong());
            };
        }
    }
}
