package io.switchboard.router.provider.openai;

import java.time.Duration;

import io.switchboard.router.provider.Provider;
import io.switchboard.router.provider.UpstreamCall;
import io.switchboard.router.provider.UpstreamResponse;
import io.switchboard.router.provider.UpstreamTimeoutException;
import io.switchboard.router.routing.Deployment;
import io.switchboard.router.routing.ProviderSettings;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * Any server that speaks the OpenAI chat-completions API over HTTP: OpenAI itself, vLLM, Ollama, llama.cpp, and the
 * fakes of the tests. The body goes upstream exactly as given.
 */
public final class OpenAiCompatibleProvider implements Provider {

    private final ProviderSettings.OpenAiCompatible settings;
    private final Vertx vertx;
    private final HttpClient client;
    private final RequestOptions template;

    public OpenAiCompatibleProvider(Vertx vertx, ProviderSettings.OpenAiCompatible settings) {
        this.settings = settings;
        this.vertx = vertx;
        var url = settings.baseUrl();
        boolean tls = "https".equals(url.getScheme());
        int port = url.getPort() > 0 ? url.getPort() : tls ? 443 : 80;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setSsl(tls)
                .setUseAlpn(false)
                .setKeepAlive(true)
                .setMaxPoolSize(256)
                .setDecompressionSupported(false));
        var path = url.getRawPath() == null ? "" : url.getRawPath().replaceAll("/+$", "");
        this.template = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setHost(url.getHost())
                .setPort(port)
                .setSsl(tls)
                .setURI(path + "/chat/completions")
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.ACCEPT, "application/json, text/event-stream");
    }

    @Override
    public String name() {
        return settings.name();
    }

    @Override
    public UpstreamCall chatCompletions(Buffer body, Deployment deployment) {
        var call = new HttpCall(deployment.timeouts().firstByte());
        var options = new RequestOptions(template).setConnectTimeout(deployment.timeouts().connect().toMillis());
        if (!deployment.apiKey().isEmpty()) {
            options.putHeader(HttpHeaders.AUTHORIZATION, "Bearer " + deployment.apiKey());
        }
        client.request(options).onComplete(connected -> {
            if (connected.failed()) {
                call.promise.tryFail(connected.cause());
                return;
            }
            call.sent(connected.result(), body);
        });
        return call;
    }

    @Override
    public void close() {
        client.close();
    }

    private final class HttpCall implements UpstreamCall {

        private final Promise<UpstreamResponse> promise = Promise.promise();
        private final Duration firstByteTimeout;
        private HttpClientRequest request;
        private boolean cancelled;

        HttpCall(Duration firstByteTimeout) {
            this.firstByteTimeout = firstByteTimeout;
        }

        void sent(HttpClientRequest request, Buffer body) {
            this.request = request;
            if (cancelled) {
                request.reset();
                return;
            }
            long timer = vertx.setTimer(firstByteTimeout.toMillis(), id -> {
                if (promise.tryFail(new UpstreamTimeoutException(settings.name(), firstByteTimeout))) {
                    request.reset();
                }
            });
            request.send(body).onComplete(answered -> {
                vertx.cancelTimer(timer);
                if (answered.failed()) {
                    promise.tryFail(answered.cause());
                    return;
                }
                var response = answered.result();
                // Held until the caller says how it wants the body, so that no chunk is lost in between.
                response.pause();
                if (!promise.tryComplete(new HttpResponse(response))) {
                    request.reset();
                }
            });
        }

        @Override
        public Future<UpstreamResponse> response() {
            return promise.future();
        }

        @Override
        public void cancel() {
            cancelled = true;
            promise.tryFail("cancelled");
            if (request != null) {
                request.reset();
            }
        }
    }

    private record HttpResponse(HttpClientResponse response) implements UpstreamResponse {

        @Override
        public int status() {
            return response.statusCode();
        }

        @Override
        public String header(String name) {
            return response.getHeader(name);
        }

        @Override
        public void stream(Handler<Buffer> chunk, Handler<Void> end, Handler<Throwable> failure) {
            response.handler(chunk).endHandler(end).exceptionHandler(failure);
            response.resume();
        }

        @Override
        public Future<Buffer> body() {
            var body = response.body();
            response.resume();
            return body;
        }
    }
}
