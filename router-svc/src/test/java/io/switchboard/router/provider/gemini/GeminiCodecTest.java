package io.switchboard.router.provider.gemini;

import static io.switchboard.router.provider.gemini.GeminiFixtures.assistant;
import static io.switchboard.router.provider.gemini.GeminiFixtures.chat;
import static io.switchboard.router.provider.gemini.GeminiFixtures.conversation;
import static io.switchboard.router.provider.gemini.GeminiFixtures.json;
import static io.switchboard.router.provider.gemini.GeminiFixtures.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.router.translate.Conversation;
import io.switchboard.router.translate.Conversation.OutputFormat;
import io.switchboard.router.translate.Conversation.ReasoningConfig;
import io.switchboard.router.translate.Conversation.ToolChoice;
import io.switchboard.router.translate.Conversation.ToolSpec;
import io.switchboard.router.translate.Part;
import io.switchboard.router.translate.UntranslatableException;

class GeminiCodecTest {

    static final String MODEL = "gemini-3-flash-preview";
    static final String PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
    static final String WEATHER_SCHEMA = """
            {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object",\
            "properties":{"city":{"type":"string"},"unit":{"enum":["celsius","fahrenheit"],"default":"celsius"}},\
            "required":["city"],"additionalProperties":false}""";
    static final String ANSWER_SCHEMA = """
            {"type":"object","properties":{"warmer":{"type":"string"},"reason":{"type":"string"}},\
            "required":["warmer","reason"],"additionalProperties":false}""";

    final GeminiCodec codec = new GeminiCodec(GeminiFixtures.MAPPER);

    /** The turn after reply-tools.json: the client ran both calls Gemini made and sends their results back. */
    Conversation afterWeatherCalls() {
        var reply = codec.decodeReply(GeminiFixtures.bytes("reply-tools.json"));
        var paris = (Part.ToolCall) reply.content().get(0);
        var london = (Part.ToolCall) reply.content().get(1);
        return conversation(
                List.of(new Part.Text("You compare the weather of cities. Answer in JSON.")),
                List.of(
                        user(new Part.Text("Is it warmer in Paris or in London? Here is the view from my window."),
                                new Part.Image(null, "image/png", PNG)),
                        assistant(new Part.Reasoning("Two lookups needed.", "c2lnbmVkLWJ5LWFudGhyb3BpYw==",
                                "anthropic.messages"), paris, london),
                        // an OpenAI chat client sends each result as its own message
                        user(new Part.ToolResult(paris.id(),
                                List.of(new Part.Text("{\"temp_c\":18,\"sky\":\"sunny\"}")),
                                false)),
                        user(new Part.ToolResult(london.id(), List.of(new Part.Text("weather service timed out")),
                                true))),
                List.of(new ToolSpec("get_weather", "Current weather in a city", WEATHER_SCHEMA, false)),
                new ToolChoice(ToolChoice.Mode.AUTO, null),
                new OutputFormat.JsonSchema("comparison", ANSWER_SCHEMA, true),
                new ReasoningConfig(true, "low", null),
                1024);
    }

    @Test
    void aToolConversationEncodesToTheRecordedRequest() {
        // given
        var conversation = afterWeatherCalls();

        // when
        var body = json(codec.encodeRequest(conversation, MODEL));

        // then
        assertThat(body).isEqualTo(json("request-tools.json"));
    }

    @Test
    void aCallIdGeminiIssuedBringsItsThoughtSignatureBackAndTheResultGetsTheCallsName() {
        // given: ids issued by decodeReply, which a client of another API sends back verbatim
        var recorded = json("reply-tools.json").at("/candidates/0/content/parts");

        // when
        var contents = json(codec.encodeRequest(afterWeatherCalls(), MODEL)).get("contents");

        // then: the model turn is Gemini's own parts again, signature where Gemini put it
        var model = contents.get(1);
        assertThat(model.get("role").asText()).isEqualTo("model");
        assertThat(model.at("/parts/0/thoughtSignature")).isEqualTo(recorded.at("/0/thoughtSignature"));
        assertThat(model.at("/parts/0/functionCall/args")).isEqualTo(recorded.at("/0/functionCall/args"));
        assertThat(model.at("/parts/1/thoughtSignature").isMissingNode()).isTrue();
        // and both results travel in one user content, named after their calls, with the calls' ids
        var results = contents.get(2).get("parts");
        assertThat(contents).hasSize(3);
        assertThat(results).hasSize(2);
        assertThat(results.at("/0/functionResponse/name").asText()).isEqualTo("get_weather");
        assertThat(results.at("/0/functionResponse/id")).isEqualTo(model.at("/parts/0/functionCall/id"));
        assertThat(results.at("/0/functionResponse/response/output").asText()).contains("sunny");
        assertThat(results.at("/1/functionResponse/response/error").asText()).isEqualTo("weather service timed out");
    }

    @Test
    void reasoningFromAnotherApiIsDroppedAndGeminisOwnGoesBackWithItsSignatures() {
        // given: what decodeReply made of reply-text.json, then a foreign thought
        var reply = codec.decodeReply(GeminiFixtures.bytes("reply-text.json"));
        var history = new ArrayList<Part>(reply.content());
        history.add(0, new Part.Reasoning("hidden", "EqQBCkYIBxgCKkD", "anthropic.messages"));

        // when
        var parts = json(codec.encodeRequest(chat(List.of(user(new Part.Text("Capital of France?")),
                new Conversation.Message(Conversation.Role.ASSISTANT, history),
                user(new Part.Text("And of Italy?")))), MODEL)).at("/contents/1/parts");

        // then: the body's model turn is the recorded one
        assertThat(parts).isEqualTo(json("reply-text.json").at("/candidates/0/content/parts"));
    }

    @Test
    void imagesGoInlineOrByHttpsUrlAndPlainHttpIsRefused() {
        // given
        var images = user(new Part.Text("Compare"),
                new Part.Image("data:image/webp;base64,UklGRhYAAABXRUJQ", null, null),
                new Part.Image("https://example.com/a/photo.PNG?size=large", null, null),
                new Part.Image("gs://bucket/scan.jpg", "image/jpeg", null));

        // when
        var parts = json(codec.encodeRequest(chat(List.of(images)), MODEL)).at("/contents/0/parts");

        // then
        assertThat(parts.at("/1/inlineData/mimeType").asText()).isEqualTo("image/webp");
        assertThat(parts.at("/1/inlineData/data").asText()).isEqualTo("UklGRhYAAABXRUJQ");
        assertThat(parts.at("/2/fileData/mimeType").asText()).isEqualTo("image/png");
        assertThat(parts.at("/2/fileData/fileUri").asText()).isEqualTo("https://example.com/a/photo.PNG?size=large");
        assertThat(parts.at("/3/fileData/fileUri").asText()).isEqualTo("gs://bucket/scan.jpg");
        var http = chat(List.of(user(new Part.Image("http://example.com/a.png", null, null))));
        assertThatThrownBy(() -> codec.encodeRequest(http, MODEL)).isInstanceOf(UntranslatableException.class)
                .hasMessageContaining("'http'");
    }

    @Test
    void aResultForACallNotInTheConversationIsRefused() {
        // given: the client dropped the turn with the call
        var orphan = chat(List.of(user(new Part.ToolResult("call_123", List.of(new Part.Text("42")), false))));

        // then
        assertThatThrownBy(() -> codec.encodeRequest(orphan, MODEL)).isInstanceOf(UntranslatableException.class)
                .hasMessageContaining("call_123");
    }

    @Test
    void callsAnotherModelMadeGetGooglesStandInSignatureOnlyWhereGeminiDemandsOne() {
        // given: a tool loop that began on another provider
        var foreign = chat(List.of(user(new Part.Text("Weather in Oslo?")),
                assistant(new Part.ToolCall("toolu_01A", "get_weather", "{\"city\":\"Oslo\"}"),
                        new Part.ToolCall("toolu_01B", "get_weather", "{\"city\":\"Bergen\"}")),
                user(new Part.ToolResult("toolu_01A", List.of(new Part.Text("4°C")), false),
                        new Part.ToolResult("toolu_01B", List.of(new Part.Text("7°C")), false))));

        // when
        var gemini3 = json(codec.encodeRequest(foreign, "gemini-3-pro-preview")).at("/contents/1/parts");
        var gemini25 = json(codec.encodeRequest(foreign, "gemini-2.5-flash")).at("/contents/1/parts");

        // then
        assertThat(gemini3.at("/0/thoughtSignature").asText()).isEqualTo(GeminiContents.UNSIGNED);
        assertThat(gemini3.at("/1/thoughtSignature").isMissingNode()).isTrue();
        assertThat(gemini3.at("/0/functionCall/id").asText()).isEqualTo("toolu_01A");
        assertThat(gemini25.at("/0/thoughtSignature").isMissingNode()).isTrue();
    }

    @Test
    void aNamedToolAFreeformToolAndJsonModeMapToGeminisSwitches() {
        // given
        var tools = List.of(new ToolSpec("apply_patch", "Apply a diff", null, true),
                new ToolSpec("now", null, null, false));
        var request = conversation(List.of(), List.of(user(new Part.Text("Patch it"))), tools,
                new ToolChoice(ToolChoice.Mode.NAMED, "apply_patch"), new OutputFormat.JsonObject(), null, null);

        // when
        var body = json(codec.encodeRequest(request, MODEL));

        // then
        var declarations = body.at("/tools/0/functionDeclarations");
        assertThat(declarations.at("/0/parametersJsonSchema/properties/input/type").asText()).isEqualTo("string");
        assertThat(declarations.get(1).has("parametersJsonSchema")).isFalse();
        assertThat(declarations.get(1).has("description")).isFalse();
        assertThat(body.at("/toolConfig/functionCallingConfig/mode").asText()).isEqualTo("ANY");
        assertThat(body.at("/toolConfig/functionCallingConfig/allowedFunctionNames/0").asText())
                .isEqualTo("apply_patch");
        assertThat(body.at("/generationConfig/responseMimeType").asText()).isEqualTo("application/json");
        assertThat(body.at("/generationConfig").has("responseJsonSchema")).isFalse();
    }

    @Test
    void effortsBecomeThinkingBudgetsAndOffMeansAsLittleAsTheModelAllows() {
        assertThat(thinking(new ReasoningConfig(true, "high", null), "gemini-2.5-flash").toString())
                .isEqualTo("{\"thinkingBudget\":24576,\"includeThoughts\":true}");
        assertThat(thinking(new ReasoningConfig(true, "high", null), "gemini-2.5-pro").get("thinkingBudget").asInt())
                .isEqualTo(32768);
        assertThat(thinking(new ReasoningConfig(true, null, 4000), MODEL).get("thinkingBudget").asInt())
                .isEqualTo(4000);
        assertThat(thinking(new ReasoningConfig(true, null, null), MODEL).get("thinkingBudget").asInt()).isEqualTo(-1);
        assertThat(thinking(new ReasoningConfig(false, null, null), "gemini-2.5-flash").toString())
                .isEqualTo("{\"thinkingBudget\":0}");
        assertThat(thinking(new ReasoningConfig(false, null, null), "gemini-2.5-pro").get("thinkingBudget").asInt())
                .isEqualTo(128);
    }

    @Test
    void aMidConversationSystemMessageJoinsTheSystemInstruction() {
        // given: Claude Code's agent list between the user's turns
        var request = new Conversation(List.of(new Part.Text("You are Claude Code.")), List.of(
                user(new Part.Text("Review the change.")),
                new Conversation.Message(Conversation.Role.SYSTEM, List.of(new Part.Text("Agent types: Explore"))),
                user(new Part.Text("Quickly."))), List.of(), null, null, null, null, null, List.of(), null, null,
                false, false, List.of());

        // when
        var body = json(codec.encodeRequest(request, MODEL));

        // then: the instructions in order, the user's words in one turn
        assertThat(body.at("/systemInstruction/parts")).extracting(p -> p.path("text").asText())
                .containsExactly("You are Claude Code.", "Agent types: Explore");
        assertThat(body.get("contents")).hasSize(1);
    }

    @Test
    void featuresGeminiLacksAreRefusedByName() {
        var webSearch = new Conversation(List.of(), List.of(user(new Part.Text("hi"))), List.of(), null, null, null,
                null, null, List.of(), null, null, false, false, List.of("tools[0].type=web_search"));
        var sixStops = new Conversation(List.of(), List.of(user(new Part.Text("hi"))), List.of(), null, null, null,
                null, null, List.of("a", "b", "c", "d", "e", "f"), null, null, false, false, List.of());

        assertThatThrownBy(() -> codec.encodeRequest(webSearch, MODEL)).isInstanceOf(UntranslatableException.class)
                .hasMessageContaining("web_search");
        assertThatThrownBy(() -> codec.encodeRequest(sixStops, MODEL)).isInstanceOf(UntranslatableException.class);
    }

    private JsonNode thinking(ReasoningConfig reasoning, String model) {
        var request = conversation(List.of(), List.of(user(new Part.Text("think"))), List.of(), null, null, reasoning,
                null);
        return json(codec.encodeRequest(request, model)).at("/generationConfig/thinkingConfig");
    }
}
