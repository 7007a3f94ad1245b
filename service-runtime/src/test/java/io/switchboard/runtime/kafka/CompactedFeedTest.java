package io.switchboard.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.switchboard.events.EventJson;
import io.switchboard.events.StudentRoute;
import io.switchboard.events.Topics;
import io.switchboard.runtime.kafka.FeedProgress.State;

/** The feed's rules over a scripted consumer: what it holds, what it skips, when it is live. */
class CompactedFeedTest {

    private static final TopicPartition PARTITION = new TopicPartition(Topics.ROUTES, 0);
    private static final StudentRoute TICKETS = new StudentRoute("ml/tickets", "ticket-teacher", "support-triage",
            "tickets-student", "http://tickets-student.ml.svc:8000/v1", 100_000, 400_000,
            Instant.parse("2026-12-05T09:00:00Z"), null);

    private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
    private final List<String> changes = new CopyOnWriteArrayList<>();
    private CompactedFeed<StudentRoute> feed;

    @AfterEach
    void close() {
        feed.close();
    }

    private CompactedFeed<StudentRoute> start() {
        return new CompactedFeed<>(() -> consumer, "test-routes", Topics.ROUTES, StudentRoute.class, "student routes",
                (key, previous, current) -> changes.add(key + ": " + (previous == null ? "-" : previous.student())
                        + " -> " + (current == null ? "-" : current.student())));
    }

    @Test
    void holdsTheLatestValuePerKeySkipsWhatDoesNotParseAndForgetsOnATombstone() {
        // given: a topic of four records, one of them not a route
        topicExists(4);
        feed = start();
        await().atMost(Duration.ofSeconds(5)).until(() -> !consumer.assignment().isEmpty());

        // when
        consumer.addRecord(record(0, "ml/tickets", EventJson.write(TICKETS)));
        consumer.addRecord(record(1, "ml/broken", "{\"job\":\"ml/broken\"".getBytes(StandardCharsets.UTF_8)));
        consumer.addRecord(record(2, "ml/gone", EventJson.write(TICKETS)));
        consumer.addRecord(record(3, "ml/gone", null));

        // then: the feed went past the unreadable record and is live with what is in force
        await().atMost(Duration.ofSeconds(5)).until(() -> feed.status().state() == State.LIVE);
        assertThat(feed.get("ml/tickets")).isEqualTo(TICKETS);
        assertThat(feed.get("ml/broken")).isNull();
        assertThat(feed.all()).containsExactly(TICKETS);
        assertThat(changes).containsExactly("ml/tickets: - -> tickets-student", "ml/gone: - -> tickets-student",
                "ml/gone: tickets-student -> -");
    }

    @Test
    void aMissingTopicKeepsTheFeedConnectingUntilItExists() {
        // given: no topic yet
        feed = start();

        // then
        await().atMost(Duration.ofSeconds(5)).until(() -> !feed.status().problem().isEmpty());
        assertThat(feed.status().state()).isEqualTo(State.CONNECTING);
        assertThat(feed.status().caughtUp()).isFalse();
        assertThat(feed.status().problem()).contains("topic switchboard.routes.v1 not found");

        // when: the topic is created, empty
        topicExists(0);

        // then: the next retry finds it, and an empty topic is caught up at once
        await().atMost(Duration.ofSeconds(5)).until(() -> feed.status().state() == State.LIVE);
        assertThat(feed.status().caughtUp()).isTrue();
        assertThat(feed.isEmpty()).isTrue();
    }

    private void topicExists(long endOffset) {
        consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
        consumer.updateEndOffsets(Map.of(PARTITION, endOffset));
        consumer.updatePartitions(Topics.ROUTES, List.of(new PartitionInfo(Topics.ROUTES, 0, Node.noNode(),
                new Node[0], new Node[0])));
    }

    private static ConsumerRecord<String, byte[]> record(long offset, String key, byte[] value) {
        return new ConsumerRecord<>(Topics.ROUTES, 0, offset, key, value);
    }
}
