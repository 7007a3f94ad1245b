package io.switchboard.router.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.router.provider.WireApi;
import io.switchboard.router.translate.InvalidRequestException;

class ClientRequestTest {

    private final ObjectMapper json = new ObjectMapper();

    private ClientRequest inspect(String body) {
        return inspect(WireApi.OPENAI_CHAT, body);
    }

    private ClientRequest inspect(WireApi api, String body) {
        return ClientRequest.inspect(api, body.getBytes(StandardCharsets.UTF_8), json.getFactory());
    }

    @Test
    void claudeCodeNamesItsSessionInMetadata() {
        var current = inspect(WireApi.ANTHROPIC_MESSAGES, "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[],"
                + "\"metadata\":{\"user_id\":\"{\\\"device_id\\\":\\\"d1\\\",\\\"account_uuid\\\":\\\"a1\\\","
                + "\\\"session_id\\\":\\\"5f1c-77\\\"}\"}}");
        var older = inspect(WireApi.ANTHROPIC_MESSAGES, "{\"model\":\"m\",\"messages\":[],\"metadata\":{\"user_id\":"
                + "\"user_ab12_account_0c3e-11_session_9d8e-4f\"}}");
        var none = inspect(WireApi.ANTHROPIC_MESSAGES, "{\"model\":\"m\",\"messages\":[],\"metadata\":{}}");

        assertThat(current.bodySession()).isEqualTo("5f1c-77");
        assertThat(older.bodySession()).isEqualTo("9d8e-4f");
        assertThat(none.bodySession()).isEmpty();
    }

    @Test
    void responsesTakeTheirTurnsFromInputAsAnArrayOrAString() {
        var items = inspect(WireApi.OPENAI_RESPONSES, "{\"model\":\"m\",\"input\":[{\"role\":\"user\","
                + "\"content\":\"a\"},{\"role\":\"user\",\"content\":\"b\"}],\"stream\":true}");
        var text = inspect(WireApi.OPENAI_RESPONSES, "{\"model\":\"m\",\"input\":\"hello\"}");

        assertThat(items.stream()).isTrue();
        assertThat(items.injectsUsage()).isFalse();
        assertThat(items.fingerprint()).isNotEmpty();
        assertThat(text.fingerprint()).isNotEmpty().isNotEqualTo(items.fingerprint());
        assertThatThrownBy(() -> inspect(WireApi.OPENAI_RESPONSES, "{\"model\":\"m\"}"))
                .hasMessage("Missing required parameter: 'input'.");
    }

    @Test
    void aStreamAskedForWholeKeepsEverythingButItsStreaming() throws Exception {
        var streamed = inspect("{\"model\":\"gpt-4o\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"temperature\":0.2}");

        var whole = streamed.whole(json);

        assertThat(whole.stream()).isFalse();
        assertThat(whole.injectsUsage()).isFalse();
        assertThat(json.readTree(whole.body())).isEqualTo(json.readTree("{\"model\":\"gpt-4o\",\"stream\":false,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"temperature\":0.2}"));
        assertThat(whole.fingerprint()).isEqualTo(streamed.fingerprint());
        var once = inspect("{\"model\":\"gpt-4o\",\"messages\":[]}");
        assertThat(once.whole(json)).isSameAs(once);
    }

    @Test
    void onlyTheModelNameChangesOnTheWayUpstream() {
        // given: odd spacing, unicode, unknown fields and a model that is not the first field
        var body = "{ \"messages\" : [{\"role\":\"user\",\"content\":\"h\u00e9llo \\\"q\\\"\"}],\n"
                + "  \"model\"  :  \"gpt-4o\", \"x_unknown\": {\"keep\": [1, 2.50, null]}, \"temperature\": 0.70 }";

        // when
        var upstream = inspect(body).forUpstream("gpt-4o-2024-08-06", json).toString(StandardCharsets.UTF_8);

        // then
        assertThat(upstream).isEqualTo(body.replace("\"gpt-4o\"", "\"gpt-4o-2024-08-06\""));
    }

    @Test
    void theFingerprintFollowsTheNewestMessageOnly() {
        var first = inspect("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"a\"},"
                + "{\"role\":\"user\",\"content\":\"run the tests\"}]}");
        var longerHistory = inspect("{\"messages\":[{\"role\":\"system\",\"content\":\"b\"},{\"role\":\"user\","
                + "\"content\":\"run the tests\"}],\"model\":\"m\"}");
        var other = inspect("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"run the test\"}]}");

        assertThat(first.fingerprint()).isNotEmpty().isEqualTo(longerHistory.fingerprint());
        assertThat(other.fingerprint()).isNotEqualTo(first.fingerprint());
        assertThat(inspect("{\"model\":\"m\",\"messages\":[]}").fingerprint()).isEmpty();
    }

    @Test
    void aStreamGetsUsageRequestedOnItsBehalf() {
        var request = inspect("{\"model\":\"m\",\"stream\":true,\"messages\":[]}");

        var upstream = request.forUpstream("up", json).toString(StandardCharsets.UTF_8);

        assertThat(request.injectsUsage()).isTrue();
        assertThat(upstream)
                .isEqualTo("{\"stream_options\":{\"include_usage\":true},\"model\":\"up\",\"stream\":true,"
                        + "\"messages\":[]}");
    }

    @Test
    void aClientThatAskedForUsageKeepsItsOwnOptions() {
        var request = inspect(
                "{\"model\":\"m\",\"stream\":true,\"stream_options\":{\"include_usage\":true},\"messages\":[]}");

        assertThat(request.injectsUsage()).isFalse();
        assertThat(request.forUpstream("m", json).toString()).doesNotContain("stream_options\":{\"include_usage\":"
                + "true},\"model");
    }

    @Test
    void streamOptionsWithoutUsageAreCompleted() throws Exception {
        var request = inspect("{\"model\":\"m\",\"stream\":true,\"stream_options\":{\"x\":1},\"messages\":[]}");

        var upstream = json.readTree(request.forUpstream("up", json).getBytes());

        assertThat(upstream.path("stream_options").path("include_usage").asBoolean()).isTrue();
        assertThat(upstream.path("stream_options").path("x").asInt()).isEqualTo(1);
        assertThat(upstream.path("model").asText()).isEqualTo("up");
    }

    @Test
    void badBodiesAreRefusedWithTheParameterAtFault() {
        assertThatThrownBy(() -> inspect("{\"model\": \"m\", \"messages\": [")).isInstanceOfSatisfying(
                InvalidRequestException.class, e -> assertThat(e.getMessage()).startsWith("The request body is not "
                        + "valid JSON"));
        assertThatThrownBy(() -> inspect("[1]")).hasMessage("The request body must be a JSON object.");
        assertThatThrownBy(() -> inspect("{\"model\": 4, \"messages\": []}")).isInstanceOfSatisfying(
                InvalidRequestException.class, e -> assertThat(e.param()).isEqualTo("model"));
        assertThatThrownBy(() -> inspect("{\"model\": \"m\", \"stream\": \"yes\", \"messages\": []}"))
                .hasMessage("'stream' must be a boolean.");
        assertThatThrownBy(() -> inspect("{\"messages\": []}")).hasMessage("You must provide a model parameter.");
        assertThatThrownBy(() -> inspect("{\"model\": \"m\"}")).hasMessage("Missing required parameter: "
                + "'messages'.");
        assertThatThrownBy(() -> inspect("{\"model\": \"m\", \"messages\": []} {}"))
                .hasMessage("The request body has data after its JSON object.");
    }
}
