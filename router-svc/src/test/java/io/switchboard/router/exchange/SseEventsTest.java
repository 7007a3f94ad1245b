package io.switchboard.router.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.vertx.core.buffer.Buffer;

class SseEventsTest {

    @Test
    void eventsAreCutWhereverTheNetworkSplitThem() {
        var events = new SseEvents();
        var stream = "data: {\"a\":1}\n\ndata: {\"b\":2}\r\n\r\n: comment\ndata: [DONE]\n\n";
        var seen = new StringBuilder();
        int count = 0;

        // when: fed one byte at a time, the worst split there is
        for (int i = 0; i < stream.length(); i++) {
            for (var event : events.feed(Buffer.buffer(stream.substring(i, i + 1)))) {
                seen.append(event);
                count++;
            }
        }

        // then
        assertThat(count).isEqualTo(3);
        assertThat(seen.toString()).isEqualTo(stream);
        assertThat(events.remainder().length()).isZero();
    }

    @Test
    void dataLinesAreJoined() {
        assertThat(SseEvents.read(Buffer.buffer("event: x\ndata: one\ndata:two\n\n")).data()).isEqualTo("one\ntwo");
        assertThat(SseEvents.read(Buffer.buffer(": ping\n\n")).data()).isEmpty();
    }
}
