package io.switchboard.runtime.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic in a consumer group, committed records only, on a daemon thread of its own: each record goes to one
 * member of the group, and its offset is committed after the handler returned, so a record is handled at least once
 * (again only when a member dies or its partitions move between handling and committing). Tombstones
 * are skipped, and so is a record its handler throws on. A new group starts at the topic's beginning. Failures of
 * Kafka are retried with {@link Backoff} until closed; only an {@link Error} ends the thread, and {@link #alive()}
 * says so.
 * <p>
 * Its users are the notifiers, whose handler posts to a webhook and retries while the receiver is down
 * ({@link io.switchboard.runtime.notify.Webhook}): the record's offset is committed only once the notification was
 * delivered or given up, so a restart never loses one. SmallRye Reactive Messaging with a throttled commit strategy
 * and SmallRye Fault Tolerance's {@code @Retry} would do the same (a blocking handler waits out the retries
 * likewise), but as a second way of configuring Kafka clients ({@code mp.messaging.*}) beside {@link KafkaConnection},
 * which every other client of the services is made from, and as one more extension in each native image, for the
 * two readers that this class serves in about a hundred lines.
 */
public final class GroupReader implements AutoCloseable {

    private static final Logger LOGGER = Logger.getLogger(GroupReader.class.getName());

    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final BiConsumer<String, byte[]> handler;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread thread;

    /** @param handler takes each record's key and value; may block (the next poll waits for it) */
    public GroupReader(KafkaConnection kafka, String groupId, String topic, BiConsumer<String, byte[]> handler) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.consumer = new KafkaConsumer<>(kafka.with(props), new StringDeserializer(), new ByteArrayDeserializer());
        this.topic = topic;
        this.handler = handler;
        this.thread = new Thread(this::run, groupId);
        thread.setDaemon(true);
        thread.start();
    }

    /** Whether the reader's thread still runs: false once closed, or ended by an error (logged). */
    public boolean alive() {
        return thread.isAlive();
    }

    private void run() {
        var backoff = Backoff.standard();
        String failing = null;
        try {
            consumer.subscribe(List.of(topic));
            while (closed.getCount() > 0) {
                try {
                    for (var record : consumer.poll(Duration.ofMillis(200))) {
                        handle(record);
                    }
                    consumer.commitSync(Duration.ofSeconds(5));
                    if (failing != null) {
                        LOGGER.info(() -> "reading " + topic + " again");
                        failing = null;
                    }
                    backoff.reset();
                } catch (WakeupException e) {
                    // closing
                } catch (RuntimeException e) {
                    // the next commit covers what this one did not; a rebalance meanwhile hands those records out again
                    if (failing == null || !failing.equals(e.getClass().getName())) {
                        LOGGER.warning(() -> "cannot read " + topic + " (" + e.getClass().getSimpleName() + ": "
                                + e.getMessage() + "); retrying with backoff");
                    }
                    failing = e.getClass().getName();
                    closed.await(backoff.next().toMillis(), TimeUnit.MILLISECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Error e) {
            LOGGER.log(Level.SEVERE, "stopped reading " + topic + "; restart the process", e);
            throw e;
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        try {
            handler.accept(record.key(), record.value());
        } catch (RuntimeException e) {
            // one record the handler cannot take must not hold up every record behind it
            LOGGER.warning(() -> "skipped " + topic + "-" + record.partition() + " offset " + record.offset()
                    + ": " + e.getClass().getSimpleName());
        }
    }

    @Override
    public void close() {
        closed.countDown();
        consumer.wakeup();
    }
}
