package io.switchboard.router.budget;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;

import io.quarkus.runtime.Startup;
import io.switchboard.events.Topics;
import io.switchboard.router.RouterConfig;
import io.switchboard.router.metrics.RouterMetrics;
import io.switchboard.runtime.kafka.Backoff;
import io.switchboard.runtime.kafka.KafkaConnection;

/**
 * How many router replicas share each hard budget now. Set ({@code switchboard.router.budgets.replicas}), it is that
 * number. Unset, every replica is a member of one Kafka consumer group ({@code budgets.replica-group}) and counts its
 * members: an autoscaler that adds or removes replicas changes every replica's share within seconds, and nobody keeps a
 * setting in step with it. The member reads nothing (its partitions are paused); a replica that stops leaves at once,
 * one that dies after Kafka's session timeout. While Kafka is away the last count stands.
 */
@Singleton
@Startup
public class ReplicaCount {

    private static final Logger LOGGER = Logger.getLogger(ReplicaCount.class);
    private static final Duration COUNT_EVERY = Duration.ofSeconds(2);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(2);

    /** 0 until counted. */
    private final AtomicInteger count = new AtomicInteger();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final KafkaConnection kafka;
    /** The group member and the admin client, made on the counting thread so that they never delay the start. */
    private volatile KafkaConsumer<byte[], byte[]> member;
    private Admin admin;
    private final String group;
    private final Thread thread;

    ReplicaCount(KafkaConnection kafka, RouterConfig config,
            RouterMetrics metrics) {
        this.kafka = kafka;
        this.group = config.budgets().replicaGroup();
        metrics.budgetReplicas(this::current);
        var fixed = config.budgets().replicas();
        if (fixed.isPresent()) {
            if (fixed.getAsInt() < 1) {
                throw new IllegalArgumentException("switchboard.router.budgets.replicas must be at least 1, got "
                        + fixed.getAsInt());
            }
            count.set(fixed.getAsInt());
            this.thread = null;
            return;
        }
        this.thread = new Thread(this::run, "router-replicas");
        thread.setDaemon(true);
        thread.start();
    }

    /** The replicas sharing each budget; 1 until first counted. */
    public int current() {
        return Math.max(1, count.get());
    }

    /** Whether the count is known: set, or counted once. */
    public boolean known() {
        return count.get() > 0;
    }

    private void run() {
        var backoff = new Backoff(Duration.ofMillis(100), COUNT_EVERY);
        try {
            admin = Admin.create(kafka.with(Map.of()));
            member = new KafkaConsumer<>(kafka.with(Map.of(ConsumerConfig.GROUP_ID_CONFIG, group,
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                    ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false)), new ByteArrayDeserializer(),
                    new ByteArrayDeserializer());
            // a member needs a subscription; the decisions topic exists wherever the router works
            member.subscribe(List.of(Topics.DECISIONS), new ConsumerRebalanceListener() {

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    member.pause(partitions);
                }

                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    // nothing read, nothing to commit
                }
            });
            long countedAt = 0;
            while (closed.getCount() > 0) {
                try {
                    member.poll(Duration.ofMillis(500));
                    if (System.nanoTime() - countedAt > COUNT_EVERY.toNanos()) {
                        countMembers();
                        countedAt = System.nanoTime();
                    }
                    backoff.reset();
                } catch (WakeupException e) {
                    // closing
                } catch (RuntimeException | ExecutionException | TimeoutException e) {
                    LOGGER.debugf("counting router replicas failed, count %d kept: %s", count.get(), e.toString());
                    closed.await(backoff.next().toMillis(), TimeUnit.MILLISECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // its Kafka settings are wrong: each budget stays shared by one replica, and the log says why
            LOGGER.errorf("router replicas cannot be counted: %s", e.toString());
        } finally {
            if (member != null) {
                member.close(Duration.ofSeconds(2));
            }
            if (admin != null) {
                admin.close(Duration.ofSeconds(2));
            }
        }
    }

    private void countMembers() throws InterruptedException, ExecutionException, TimeoutException {
        var members = admin.describeConsumerGroups(List.of(group)).describedGroups().get(group)
                .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).members();
        var self = member.groupMetadata().memberId();
        if (members.stream().noneMatch(m -> m.consumerId().equals(self))) {
            // not joined yet, or the group is rebalancing: a count without this replica is not the count
            return;
        }
        int replicas = members.size();
        int before = count.getAndSet(replicas);
        if (before != replicas) {
            LOGGER.infof("router replicas sharing each budget: %d (was %d)", replicas, before);
        }
    }

    /** Leaves the group before the process ends, so that the others' shares grow at once. */
    @PreDestroy
    void stop() throws InterruptedException {
        closed.countDown();
        if (thread != null) {
            // a member made after this sees the count and leaves at once
            var made = member;
            if (made != null) {
                made.wakeup();
            }
            thread.join(Duration.ofSeconds(5).toMillis());
        }
    }
}
