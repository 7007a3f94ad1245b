package io.switchboard.router.capture;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.Startup;
import io.switchboard.events.EventJson;
import io.switchboard.events.Topics;
import io.switchboard.events.UsageEvent;
import io.switchboard.router.RouterConfig;
import io.switchboard.router.adapters.Codecs;
import io.switchboard.router.exchange.AnswerCopy;
import io.switchboard.router.exchange.ClientRequest;
import io.switchboard.router.metrics.RouterMetrics;
import io.switchboard.router.outbox.Outbox;
import io.switchboard.router.outbox.OutboxSettings;
import io.switchboard.router.routing.CaptureRule;
import io.switchboard.router.routing.Deployment;
import io.switchboard.router.routing.ModelRoute;
import io.switchboard.runtime.kafka.KafkaConnection;

/**
 * Captures the traffic of the workloads the routing file opts in ({@code capture}) to {@link Topics#TRACES}, for
 * distillation datasets. On the request's thread it only draws the sample and keeps references to the request and
 * the answer; the trace is redacted, built and written on the outbox's writer thread, and reaches Kafka as usage events
 * do: never waited for, spooled on disk while Kafka is away. Nothing captured is ever logged.
 */
@Startup
@Singleton
public class TraceCapture {

    private final Outbox<Captured> outbox;
    private final RouterMetrics metrics;

    @Inject
    TraceCapture(RouterConfig config, RouterMetrics metrics, KafkaConnection kafka, Codecs codecs, ObjectMapper json) {
        this(OutboxSettings.of("traces", "traces", config.traces(), Topics.TRACES, kafka), metrics,
                new TraceWriter(codecs, json));
    }

    TraceCapture(OutboxSettings settings, RouterMetrics metrics, TraceWriter writer) {
        this.metrics = metrics;
        this.outbox = new Outbox<>(settings, metrics, captured -> new byte[][]{
                captured.rule().workload().getBytes(StandardCharsets.UTF_8), EventJson.write(writer.trace(captured))});
    }

    /**
     * Draws whether this request of a captured workload is sampled: a copy for its answer when it is, else
     * {@code null}. A request that alone fills the workload's size cap is not sampled.
     */
    public AnswerCopy sample(CaptureRule rule, ClientRequest request) {
        if (!request.api().generates() || ThreadLocalRandom.current().nextDouble() >= rule.sampleRate()) {
            return null;
        }
        int room = rule.maxExampleBytes() - request.body().length;
        if (room <= 0) {
            metrics.captured(rule.workload(), "too_large");
            return null;
        }
        return new AnswerCopy(room);
    }

    /**
     * Hands a sampled exchange to the outbox once its usage event exists; only answered requests are captured.
     *
     * @param route the public model the client asked for, whose own deployments are the teacher
     * @param student the promoted student put first in the request's plan, else {@code null}
     */
    public void capture(CaptureRule rule, ClientRequest request, AnswerCopy answer, UsageEvent event,
            ModelRoute route, Deployment student) {
        if (event.outcome() != UsageEvent.Outcome.OK) {
            return;
        }
        if (answer.tooLarge()) {
            metrics.captured(rule.workload(), "too_large");
            return;
        }
        if (outbox.offer(new Captured(rule, request, answer, event, route, student))) {
            metrics.captured(rule.workload(), "captured");
        }
    }

    /** Whether the threads that write the spool and send it to Kafka run. */
    public boolean alive() {
        return outbox.alive();
    }

    @PreDestroy
    void close() {
        outbox.close();
    }

    /**
     * A sampled exchange as the request path left it: references only, nothing copied, redacted or looked up yet.
     *
     * @param route the public model asked for (not an alias the client may have used), whose own deployments are the
     *        teacher
     * @param student the promoted student put first in the request's plan, else {@code null}
     */
    record Captured(CaptureRule rule, ClientRequest request, AnswerCopy answer, UsageEvent event, ModelRoute route,
            Deployment student) {
    }
}
