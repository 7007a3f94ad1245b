package io.switchboard.router.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GeminiCallIdsTest {

    @Test
    void aSignatureSurvivesTheTripThroughAnIdExactly() {
        // given: padding and both characters the URL alphabet replaces
        var signature = "CiQB+/9f3w==";

        // when
        var id = GeminiCallIds.issue(null, "resp-1", 0, signature);

        // then
        assertThat(id).matches("^[a-zA-Z0-9_-]+$").startsWith("gemini_").endsWith("_bCiQB-_9f3w");
        assertThat(GeminiCallIds.read(id).signature()).isEqualTo(signature);
    }

    @Test
    void aSignatureThatIsNotCanonicalBase64StillComesBackVerbatim() {
        var signature = "not base64: ü+/";

        var id = GeminiCallIds.issue(null, "resp-1", 0, signature);

        assertThat(id).matches("^[a-zA-Z0-9_-]+$");
        assertThat(GeminiCallIds.read(id).signature()).isEqualTo(signature);
    }

    @Test
    void keysAreGeminisIdWhenUsableElseStableAndDistinct() {
        assertThat(GeminiCallIds.issue("fc-9a8b7c", "resp-1", 0, null)).isEqualTo("gemini_fc-9a8b7c");
        assertThat(GeminiCallIds.issue("call_1", "resp-1", 0, null)).doesNotContain("call_1");
        assertThat(GeminiCallIds.issue(null, "resp-1", 0, null)).isEqualTo(GeminiCallIds.issue(null, "resp-1", 0, null))
                .isNotEqualTo(GeminiCallIds.issue(null, "resp-1", 1, null))
                .isNotEqualTo(GeminiCallIds.issue(null, "resp-2", 0, null))
                .hasSize("gemini_".length() + 11);
        assertThat(GeminiCallIds.read(GeminiCallIds.issue("fc-1", "r", 0, "AAAA")))
                .isEqualTo(new GeminiCallIds.CallId("fc-1", "AAAA"));
    }

    @Test
    void idsFromOtherApisPassThroughAsTheirOwnKey() {
        assertThat(GeminiCallIds.read("toolu_01XyZ")).isEqualTo(new GeminiCallIds.CallId("toolu_01XyZ", null));
        assertThat(GeminiCallIds.read("call_abc")).isEqualTo(new GeminiCallIds.CallId("call_abc", null));
    }
}
