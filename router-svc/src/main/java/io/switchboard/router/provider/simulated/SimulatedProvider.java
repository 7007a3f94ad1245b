package io.switchboard.router.provider.simulated;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.router.provider.Provider;
import io.switchboard.router.provider.UpstreamCall;
import io.switchboard.router.provider.UpstreamRequest;
import io.switchboard.router.provider.UpstreamResponse;
import io.switchboard.router.provider.WireApi;
import io.switchboard.router.routing.Deployment;
import io.switchboard.router.routing.ProviderSettings;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

/**
 * The built-in upstream for local runs, demos and load tests: answers in the OpenAI wire format, in process, after the
 * configured latency, streaming one word per chunk interval, and fails with a 503 at the configured rate.
 */
public final class SimulatedProvider implements Provider {

    private final ProviderSettings.Simulated settings;
    private final Vertx vertx;
    private final ObjectMapper json;

    public SimulatedProvider(Vertx vertx, ObjectMapper json, ProviderSettings.Simulated settings) {
        this.settings = settings;
        this.vertx = vertx;
        this.json = json;
    }

    @Override
    public String name() {
        return settings.name();
    }

    @Override
    public List<WireApi> apis() {
        return List.of(WireApi.OPENAI_CHAT);
    }

    @Override
    public UpstreamCall send(UpstreamRequest request, Deployment deployment) {
        var promise = Promise.<UpstreamResponse>promise();
        long timer = vertx.setTimer(settings.latency().toMillis(),
                id -> promise.tryComplete(answer(request.body())));
        return new UpstreamCall() {

            @Override
            public Future<UpstreamResponse> response() {
                return promise.future();
            }

            @Override
            public void cancel() {
                vertx.cancelTimer(timer);
                if (!promise.tryFail("cancelled") && promise.future().result() instanceof Streamed streamed) {
                    streamed.stop();
                }
            }
        };
    }

    private UpstreamResponse answer(Buffer body) {
        if (settings.failureRate() > 0 && ThreadLocalRandom.current().nextDouble() < settings.failureRate()) {
            return fixed(503, "{\"error\":{\"message\":\"simulated provider failure\",\"type\":\"server_error\","
                    + "\"code\":\"simulated_failure\"}}");
        }
        JsonNode request;
        try {
            request = json.readTree(body.getBytes());
        } catch (IOException e) {
            return fixed(400, "{\"error\":{\"message\":\"the simulated provider could not parse the request\","
                    + "\"type\":\"invalid_request_error\",\"code\":null}}");
        }
        var completion = SimulatedCompletion.of(request, settings.task());
        if (request.path("stream").asBoolean(false)) {
            return new Streamed(completion.events(json).iterator());
        }
        return fixed(200, completion.completion(json).toString());
    }

    private static UpstreamResponse fixed(int status, String body) {
        var buffer = Buffer.buffer(body);
        return new UpstreamResponse() {

            @Override
            public int status() {
                return status;
            }

            @Override
            public String header(String name) {
                return "content-type".equalsIgnoreCase(name) ? "application/json" : null;
            }

            @Override
            public void stream(Handler<Buffer> chunk, Handler<Void> end, Handler<Throwable> failure) {
                chunk.handle(buffer);
                end.handle(null);
            }

            @Override
            public Future<Buffer> body() {
                return Future.succeededFuture(buffer);
            }
        };
    }

    private final class Streamed implements UpstreamResponse {

        private final Iterator<String> events;
        private long timer = -1;

        Streamed(Iterator<String> events) {
            this.events = events;
        }

        @Override
        public int status() {
            return 200;
        }

        @Override
        public String header(String name) {
            return "content-type".equalsIgnoreCase(name) ? "text/event-stream" : null;
        }

        @Override
        public void stream(Handler<Buffer> chunk, Handler<Void> end, Handler<Throwable> failure) {
            chunk.handle(Buffer.buffer(events.next()));
            timer = vertx.setPeriodic(settings.chunkInterval().toMillis(), id -> {
                chunk.handle(Buffer.buffer(events.next()));
                if (!events.hasNext()) {
                    vertx.cancelTimer(id);
                    end.handle(null);
                }
            });
        }

        void stop() {
            vertx.cancelTimer(timer);
        }

        @Override
        public Future<Buffer> body() {
            var all = Buffer.buffer();
            events.forEachRemaining(all::appendString);
            return Future.succeededFuture(all);
        }
    }
}
