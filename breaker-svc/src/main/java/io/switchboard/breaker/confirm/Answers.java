package io.switchboard.breaker.confirm;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.switchboard.breaker.config.BreakerConfig;
import io.switchboard.breaker.session.ConfirmationTokens;
import io.switchboard.breaker.session.SessionAnswer;
import io.switchboard.breaker.session.SessionTopology;
import io.switchboard.events.Confirmation;
import io.switchboard.events.Decision;
import io.switchboard.events.EventJson;
import io.switchboard.events.Keys;
import io.switchboard.events.Topics;

/**
 * Takes owners' answers: checks the token (or the admin key), checks the question is still open, then publishes the
 * answer (audit trail), hands it to the session's stream task, and publishes the decision every router enforces:
 * allow for continue, block for stop.
 */
@ApplicationScoped
public class Answers {

    private static final Logger LOGGER = Logger.getLogger(Answers.class);

    private final ConfirmationTokens tokens;
    private final KafkaStreams streams;
    private final KafkaProducer<String, byte[]> producer;
    private final Set<String> adminKeys;
    private final MeterRegistry registry;
    private final Set<UUID> answered = ConcurrentHashMap.newKeySet();

    Answers(ConfirmationTokens tokens, KafkaStreams streams, KafkaProducer<String, byte[]> producer,
            BreakerConfig config, MeterRegistry registry) {
        this.tokens = tokens;
        this.streams = streams;
        this.producer = producer;
        this.adminKeys = Set.copyOf(config.adminKeys().orElse(List.of()));
        this.registry = registry;
    }

    /** The open question a token answers, if the token is genuine, unexpired and its question still open. */
    public Optional<Confirmation> openQuestion(String token) {
        return tokens.verify(token, Instant.now())
                .flatMap(claims -> latest(claims.sessionId())
                        .filter(q -> q.open() && q.id().equals(claims.confirmationId())
                                && q.userId().equals(claims.userId())));
    }

    /** Whether a token was signed here and has not expired, whatever became of its question. */
    public boolean genuine(String token) {
        return tokens.verify(token, Instant.now()).isPresent();
    }

    /** Whether the caller presented an admin key (its SHA-256 is listed). */
    public boolean isAdmin(String authorization) {
        return Keys.bearer(authorization).map(key -> adminKeys.contains(Keys.sha256Hex(key))).orElse(false);
    }

    /** The latest step of the question about a session, if any. */
    public Optional<Confirmation> latest(String sessionId) {
        return Optional.ofNullable(store().get(sessionId));
    }

    /** Every question whose latest step passes the filter. */
    public List<Confirmation> withState(Predicate<Confirmation> filter) {
        try (var all = store().all()) {
            var result = new ArrayList<Confirmation>();
            all.forEachRemaining(entry -> {
                if (filter.test(entry.value)) {
                    result.add(entry.value);
                }
            });
            return result;
        }
    }

    /**
     * Answers an open question.
     *
     * @return false when it was answered already (a replayed link)
     */
    public boolean answer(Confirmation question, boolean proceed, int extraHours, String answeredBy) {
        if (!answered.add(question.id())) {
            return false;
        }
        var now = Instant.now();
        var answer = new Confirmation(question.id(), Confirmation.Kind.ANSWERED, now, question.sessionId(),
                question.userId(), question.teamId(), question.client(), question.models(), question.activeMinutes(),
                question.requests(), question.tokens(), question.costMicros(), question.rule(), question.detail(),
                proceed ? "continue" : "stop", answeredBy, proceed ? extraHours : 0);
        var decision = proceed
                ? new Decision(Decision.session(question.sessionId()), Decision.Action.ALLOW, "confirmed", "", "", now,
                        null)
                : new Decision(Decision.session(question.sessionId()), Decision.Action.BLOCK, "stopped-by-owner",
                        "This session was stopped by " + answeredBy + " when Switchboard asked about it. Start a "
                                + "new session to go on.",
                        "", now, null);
        try {
            var sent = List.of(
                    producer.send(new ProducerRecord<>(Topics.CONFIRMATIONS, question.sessionId(),
                            EventJson.write(answer))),
                    producer.send(new ProducerRecord<>(SessionTopology.ANSWERS, question.userId(), EventJson.write(
                            new SessionAnswer(question.id(), question.sessionId(), question.userId(), proceed,
                                    extraHours, now)))),
                    producer.send(new ProducerRecord<>(Topics.DECISIONS, decision.subject(),
                            EventJson.write(decision))));
            for (var ack : sent) {
                ack.get(10, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            answered.remove(question.id());
            throw new IllegalStateException("the answer could not be recorded; try again", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answered.remove(question.id());
            throw new IllegalStateException("interrupted", e);
        }
        LOGGER.infof("question answered: confirmationId=%s session=%s answer=%s by=%s", question.id(),
                question.sessionId(), answer.answer(), answeredBy);
        registry.counter("switchboard.breaker.answers", "answer", answer.answer()).increment();
        Timer.builder("switchboard.breaker.time.to.answer").publishPercentiles(0.5, 0.99).register(registry)
                .record(Duration.between(question.time(), now));
        return true;
    }

    private ReadOnlyKeyValueStore<String, Confirmation> store() {
        return streams.store(StoreQueryParameters.fromNameAndType(QuestionTable.STORE,
                QueryableStoreTypes.keyValueStore()));
    }
}
