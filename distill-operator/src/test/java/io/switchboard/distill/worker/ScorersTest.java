package io.switchboard.distill.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.switchboard.distill.worker.FakeOpenAiServer.Answer;

/** Each eval's rule on answers as models give them. */
class ScorersTest {

    private static final Example TICKET = new Example("t-1",
            List.of(new Example.Message("user", "I want a refund for my order")), "billing", null, null);

    @Test
    void exactMatchComparesTrimmedTexts() throws InterruptedException {
        Scorer exact = Scorers.exactMatch();

        assertThat(exact.passes(TICKET, " billing\n", "billing")).isTrue();
        assertThat(exact.passes(TICKET, "Billing", "billing")).isFalse();
    }

    @Test
    void jsonFieldsComparesTheNamedFieldsOfTwoObjects() throws InterruptedException {
        Scorer fields = Scorers.jsonFields(List.of("category", "priority"));
        String reference = "{\"priority\": 1, \"category\": \"billing\", \"note\": \"refund\"}";

        assertThat(
                fields.passes(TICKET, "```json\n{\"category\": \"billing\", \"priority\": 1.0, \"note\": \"x\"}\n```",
                        reference))
                .isTrue();
        assertThat(fields.passes(TICKET, "{\"category\": \"billing\", \"priority\": 2}", reference)).isFalse();
        assertThat(fields.passes(TICKET, "{\"category\": \"billing\"}", reference)).isFalse();
        assertThat(fields.passes(TICKET, "billing, priority 1", reference)).isFalse();
    }

    @Test
    void regexComparesTheFirstGroupOrTheWholeMatch() throws InterruptedException {
        Scorer group = Scorers.regex(Pattern.compile("category: (\\w+)"));
        Scorer whole = Scorers.regex(Pattern.compile("\\d+"));

        assertThat(group.passes(TICKET, "The category: billing, I think.", "category: billing")).isTrue();
        assertThat(group.passes(TICKET, "category: bug", "category: billing")).isFalse();
        assertThat(group.passes(TICKET, "no idea", "no idea")).isFalse();
        assertThat(whole.passes(TICKET, "order 42 please", "42 items")).isTrue();
        assertThat(whole.passes(TICKET, "order 43", "42 items")).isFalse();
    }

    @Test
    void toolCallComparesNamesAndArgumentsAsReceivedOnTheWire() throws InterruptedException {
        // given: a model calling two tools, arguments as JSON strings, the way OpenAI sends them
        String body = """
                {"id": "chatcmpl-1", "object": "chat.completion", "choices": [{"index": 0, "finish_reason": "tool_calls",
                 "message": {"role": "assistant", "content": null, "tool_calls": [
                  {"id": "call_1", "type": "function", "function": {"name": "lookup_order", "arguments": "{\\"order\\": 42.0}"}},
                  {"id": "call_2", "type": "function", "function": {"name": "refund", "arguments": "{\\"order\\": 42, \\"reason\\": \\"late\\"}"}}]}}],
                 "usage": {"prompt_tokens": 50, "completion_tokens": 20, "total_tokens": 70}}""";
        String answer;
        try (var model = FakeOpenAiServer.start(request -> new Answer(200, Map.of(), body, 0))) {
            answer = new ChatClient(new Endpoint("the model", URI.create(model.url()), null, null))
                    .ask("tool-user", TICKET.messages(), null).answer();
        }
        Scorer toolCall = Scorers.toolCall();

        // then: the same calls in another order pass; another argument, a missing call or plain text do not
        assertThat(toolCall.passes(TICKET, answer, "[{\"name\": \"refund\", \"arguments\": {\"reason\": \"late\", "
                + "\"order\": 42}}, {\"name\": \"lookup_order\", \"arguments\": {\"order\": 42}}]")).isTrue();
        assertThat(toolCall.passes(TICKET, answer, "[{\"name\": \"refund\", \"arguments\": {\"order\": 42, "
                + "\"reason\": \"early\"}}, {\"name\": \"lookup_order\", \"arguments\": {\"order\": 42}}]")).isFalse();
        assertThat(toolCall.passes(TICKET, answer, "{\"name\": \"lookup_order\", \"arguments\": {\"order\": 42}}"))
                .isFalse();
        assertThat(toolCall.passes(TICKET, "refund order 42", answer)).isFalse();
    }

    @Test
    void theJudgeIsAskedThroughTheRouterOnlyWhenTheTextsDiffer() throws InterruptedException {
        // given: a judge that says yes when the candidate names the reference's category
        try (var router = FakeOpenAiServer.start(request -> {
            String question = request.lastUserMessage();
            String reference = question.split("Reference answer:\n")[1].split("\n")[0];
            String candidate = question.split("Candidate answer:\n")[1].split("\n")[0];
            return Answer.completion(candidate.toLowerCase().contains(reference) ? "Yes." : "No", 80, 1);
        })) {
            var judge = new Judge(new ChatClient(new Endpoint("the router", URI.create(router.url()), "sk-judge",
                    "distill/tickets")), "judge-model");

            // when
            boolean same = judge.passes(TICKET, "billing", "billing");
            boolean meansTheSame = judge.passes(TICKET, "It is a Billing question", "billing");
            boolean differs = judge.passes(TICKET, "shipping", "billing");

            // then
            assertThat(same).isTrue();
            assertThat(meansTheSame).isTrue();
            assertThat(differs).isFalse();
            assertThat(router.chats()).hasSize(2).allSatisfy(request -> {
                assertThat(request.body().path("model").asText()).isEqualTo("judge-model");
                assertThat(request.headers()).containsEntry("x-switchboard-workload", "distill/tickets")
                        .containsEntry("authorization", "Bearer sk-judge");
                assertThat(request.lastUserMessage()).contains("Request:\nI want a refund for my order");
            });
            assertThat(judge.failures()).isZero();
        }
    }
}
