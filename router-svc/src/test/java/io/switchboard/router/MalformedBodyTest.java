package io.switchboard.router;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** A body that is not a JSON object gets a 400 in the endpoint's own error format, never a router failure. */
@QuarkusTest
@WithTestResource(RouterTestResource.class)
class MalformedBodyTest {

    private static final List<String> OPENAI_ENDPOINTS = List.of("/v1/chat/completions", "/v1/responses",
            "/v1/embeddings");
    private static final List<String> ANTHROPIC_ENDPOINTS = List.of("/v1/messages", "/v1/messages/count_tokens");

    /** Every endpoint that takes a body, with every body that is not a JSON object and what the message says. */
    static Stream<Arguments> bodies() {
        var bodies = List.of(
                Arguments.of("", "The request body is empty"),
                Arguments.of(" \n\t ", "The request body is empty"),
                Arguments.of("null", "must be a JSON object"),
                Arguments.of("[{\"model\":\"gpt-4o\"}]", "must be a JSON object"),
                Arguments.of("\"gpt-4o\"", "must be a JSON object"));
        return Stream.concat(OPENAI_ENDPOINTS.stream(), ANTHROPIC_ENDPOINTS.stream())
                .flatMap(endpoint -> bodies.stream().map(body -> Arguments.of(endpoint, body.get()[0],
                        body.get()[1])));
    }

    @ParameterizedTest(name = "{0} with body [{1}]")
    @MethodSource("bodies")
    void aBodyThatIsNotAJsonObjectIsRefusedInTheEndpointsFormat(String endpoint, String body, String saying) {
        // given
        var request = given().auth().oauth2(RouterTestResource.KEY).contentType(ContentType.JSON).body(body);
        if (ANTHROPIC_ENDPOINTS.contains(endpoint)) {
            request.header("anthropic-version", "2023-06-01");
        }

        // when
        var response = request.when().post(endpoint).then().extract();

        // then
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/json");
        var error = JsonPath.from(response.asString());
        if (ANTHROPIC_ENDPOINTS.contains(endpoint)) {
            assertThat(error.getString("type")).isEqualTo("error");
            assertThat(error.getString("error.type")).isEqualTo("invalid_request_error");
        } else {
            assertThat(error.getString("error.type")).isEqualTo("invalid_request_error");
            assertThat(error.getMap("error")).containsKeys("param", "code");
        }
        assertThat(error.getString("error.message")).contains(saying);
    }
}
