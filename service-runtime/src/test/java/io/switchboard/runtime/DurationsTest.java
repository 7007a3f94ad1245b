package io.switchboard.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({"800ms, PT0.8S", "2s, PT2S", "10m, PT10M", "12h, PT12H", "7d, PT168H", "010s, PT10S"})
    void everyUnitTheSpecWrites(String text, Duration expected) {
        assertThat(Durations.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10", "0s", "000ms", "1.5h", "10 m", "5w", "-1s", "1234567890s"})
    void anythingElseIsRefusedSayingWhat(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a duration such as 800ms, 10m or 7d: " + text);
    }
}
