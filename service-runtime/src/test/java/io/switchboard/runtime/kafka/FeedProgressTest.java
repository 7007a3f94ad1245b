package io.switchboard.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

import io.switchboard.events.Topics;
import io.switchboard.runtime.kafka.FeedProgress.State;

class FeedProgressTest {

    private static final TopicPartition P0 = new TopicPartition(Topics.DECISIONS, 0);
    private static final TopicPartition P1 = new TopicPartition(Topics.DECISIONS, 1);
    private static final Instant START = Instant.parse("2026-12-05T09:00:00Z");

    @Test
    void aFeedThatNeverReachedKafkaHasNotCaughtUpAndSaysWhy() {
        // given
        var progress = new FeedProgress("decisions");

        // when
        progress.failed(new TimeoutException("Timeout expired while fetching topic metadata"), START);

        // then
        var status = progress.status();
        assertThat(status.state()).isEqualTo(State.CONNECTING);
        assertThat(status.caughtUp()).isFalse();
        assertThat(status.problem()).isEqualTo("TimeoutException: Timeout expired while fetching topic metadata");
        assertThat(status.sinceContact(START, START.plusSeconds(7))).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void catchesUpWithTheEndOffsetsFoundFirstNotWithLaterOnes() {
        // given: 5 and 3 records when Kafka first answered
        var progress = new FeedProgress("decisions");
        progress.observed(Map.of(P0, 0L, P1, 0L), Map.of(P0, 5L, P1, 3L), START);
        assertThat(progress.status().state()).isEqualTo(State.CATCHING_UP);
        assertThat(progress.status().recordsBehind()).isEqualTo(8);

        // when: those are read while two more arrive
        progress.observed(Map.of(P0, 5L, P1, 3L), Map.of(P0, 7L, P1, 3L), START.plusSeconds(1));

        // then
        var status = progress.status();
        assertThat(status.state()).isEqualTo(State.LIVE);
        assertThat(status.caughtUp()).isTrue();
        assertThat(status.recordsBehind()).isEqualTo(2);
        assertThat(status.lastContact()).isEqualTo(START.plusSeconds(1));
    }

    @Test
    void losingKafkaAfterCatchingUpKeepsCaughtUpAndComesBackLive() {
        // given
        var progress = new FeedProgress("decisions");
        progress.observed(Map.of(P0, 0L), Map.of(P0, 0L), START);

        // when
        progress.failed(new TimeoutException("Timeout of 2000ms expired"), START.plusSeconds(5));

        // then
        assertThat(progress.status().state()).isEqualTo(State.CONNECTING);
        assertThat(progress.status().caughtUp()).isTrue();
        assertThat(progress.status().sinceContact(START, START.plusSeconds(5))).isEqualTo(Duration.ofSeconds(5));

        // and when Kafka answers again
        progress.observed(Map.of(P0, 4L), Map.of(P0, 4L), START.plusSeconds(9));
        assertThat(progress.status()).isEqualTo(new FeedProgress.Status(State.LIVE, true, 0, START.plusSeconds(9),
                ""));
    }

    @Test
    void anErrorThatEndsTheThreadIsStoppedWithItsCause() {
        // given
        var progress = new FeedProgress("decisions");

        // when
        progress.stopped(new OutOfMemoryError("Java heap space"));

        // then
        assertThat(progress.status().state()).isEqualTo(State.STOPPED);
        assertThat(progress.status().problem()).isEqualTo("OutOfMemoryError: Java heap space");
    }
}
