package io.switchboard.router.provider.http;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.switchboard.router.provider.Provider;
import io.switchboard.router.provider.UpstreamCall;
import io.switchboard.router.provider.UpstreamRequest;
import io.switchboard.router.provider.UpstreamResponse;
import io.switchboard.router.provider.UpstreamTimeoutException;
import io.switchboard.router.provider.WireApi;
import io.switchboard.router.routing.Deployment;
import io.vertx.core.Context;
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
 * A provider reached over HTTP(S): pooled clients, bodies sent exactly as given, answers handed over unread so that
 * streams are relayed as they arrive, the client's headers meant for the provider forwarded ({@link ForwardedHeaders}).
 * Subclasses say where each API lives and how to authenticate.
 * <p>
 * Each event loop has a client (and a connection pool) of its own: a pool shared by every event loop hands a request
 * connections of other event loops, and each of its reads and writes then crosses between threads.
 */
public abstract class HttpProvider implements Provider {

    private final String name;
    private final Vertx vertx;
    private final HttpClientOptions clientOptions;
    private final Map<Thread, HttpClient> clients = new ConcurrentHashMap<>();
    /** For requests sent from outside any event loop. */
    private final HttpClient shared;
    private final RequestOptions template;
    private final String basePath;
    private final ForwardedHeaders forwarded;

    /**
     * @param family the vendor whose APIs the provider speaks, which decides the client headers it gets
     * @param routerVersion sent as {@code x-switchboard-router}
     */
    protected HttpProvider(Vertx vertx, String name, URI baseUrl, WireApi.Family family, String routerVersion) {
        this.name = name;
        this.vertx = vertx;
        this.forwarded = new ForwardedHeaders(family);
        boolean tls = "https".equals(baseUrl.getScheme());
        int port = baseUrl.getPort() > 0 ? baseUrl.getPort() : tls ? 443 : 80;
        this.clientOptions = new HttpClientOptions()
                .setSsl(tls)
                .setUseAlpn(false)
                .setKeepAlive(true)
                .setMaxPoolSize(256)
                .setDecompressionSupported(false);
        this.shared = vertx.createHttpClient(clientOptions);
        this.basePath = baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath().replaceAll("/+$", "");
        this.template = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setHost(baseUrl.getHost())
                .setPort(port)
                .setSsl(tls)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.ACCEPT, "application/json, text/event-stream")
                .putHeader(ForwardedHeaders.ROUTER, routerVersion);
    }

    @Override
    public String name() {
        return name;
    }

    /** The path and query of the request, after the base URL's path. */
    protected abstract String path(UpstreamRequest request, Deployment deployment);

    /** Adds the credentials and the API's own headers, after the client's forwarded ones. */
    protected abstract void headers(RequestOptions options, UpstreamRequest request, Deployment deployment);

    @Override
    public UpstreamCall send(UpstreamRequest request, Deployment deployment) {
        var call = new HttpCall(deployment.timeouts().firstByte());
        var options = new RequestOptions(template)
                .setURI(basePath + path(request, deployment))
                .setConnectTimeout(deployment.timeouts().connect().toMillis());
        forwarded.copy(request.clientApi(), request.clientHeaders(), options);
        headers(options, request, deployment);
        client().request(options).onComplete(connected -> {
            if (connected.failed()) {
                call.promise.tryFail(connected.cause());
                return;
            }
            call.sent(connected.result(), request.body());
        });
        return call;
    }

    private HttpClient client() {
        if (!Context.isOnEventLoopThread()) {
            return shared;
        }
        return clients.computeIfAbsent(Thread.currentThread(), loop -> vertx.createHttpClient(clientOptions));
    }

    @Override
    public void close() {
        shared.close();
        clients.values().forEach(HttpClient::close);
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
                if (promise.tryFail(new UpstreamTimeoutException(name, firstByteTimeout))) {
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
