package io.switchboard.router.exchange;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import io.switchboard.router.provider.Provider;
import io.switchboard.router.provider.UpstreamCall;
import io.switchboard.router.provider.UpstreamRequest;
import io.switchboard.router.provider.WireApi;
import io.switchboard.router.routing.Deployment;
import io.switchboard.router.translate.Conversation;
import io.switchboard.router.translate.InvalidRequestException;
import io.switchboard.router.translate.UntranslatableException;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

/**
 * How one request reaches each deployment of its chain. A provider that speaks the client's API gets the client's
 * bytes with the model renamed (pass-through); any other gets the request translated into the first API it speaks,
 * through the {@link Conversation} model, which is decoded once and only when some deployment needs it. Deployments
 * the request cannot reach (an API the provider lacks, a feature the target API lacks) are left out of the chain.
 */
public final class Translation {

    private final ClientRequest request;
    private final MultiMap headers;
    private final Services services;
    private final Map<Deployment, Route> routes = new IdentityHashMap<>();
    private final List<Deployment> chain = new ArrayList<>();
    private String unreachable;
    private Conversation conversation;

    /**
     * The way to one deployment: its API, and either pass-through or the translated body (encoded while planning, so
     * that a feature the target lacks takes the deployment out of the chain).
     *
     * @param droppedTools the types of the client's hosted tools left out of the translated body, for the
     *        {@code x-switchboard-dropped-tools} header; empty when none
     * @param provider the adapter that calls the deployment, kept for the request's life
     */
    record Route(WireApi api, boolean passThrough, Buffer translated, List<String> droppedTools, Provider provider) {
    }

    /**
     * @throws InvalidRequestException when a translation needs the request decoded and it is not valid for its API
     */
    Translation(ClientRequest request, MultiMap headers, List<Deployment> planned, Services services) {
        this.request = request;
        this.headers = headers;
        this.services = services;
        for (var deployment : planned) {
            // none when its provider went between planning and now (a withdrawn student, a reload): left out
            var provider = services.providers().find(deployment.provider());
            var route = provider.isEmpty() ? null : route(deployment, provider.get());
            if (route != null) {
                routes.put(deployment, route);
                chain.add(deployment);
            }
        }
    }

    private Route route(Deployment deployment, Provider provider) {
        var spoken = provider.apis();
        if (spoken.contains(request.api())) {
            return new Route(request.api(), true, null, List.of(), provider);
        }
        var target = spoken.stream().filter(WireApi::generates).findFirst();
        if (!request.api().generates() || target.isEmpty()) {
            unreachable("provider '" + deployment.provider() + "' does not serve " + request.api().description());
            return null;
        }
        var decoded = conversation();
        if (!decoded.untranslatable().isEmpty()) {
            unreachable("'" + decoded.untranslatable().get(0) + "' cannot be translated for "
                    + target.get().description() + ", which serves this model here");
            return null;
        }
        if (!decoded.hostedTools().isEmpty() && deployment.unsupportedTools() == Deployment.UnsupportedTools.REFUSE) {
            unreachable("'" + decoded.hostedTools().get(0).feature() + "' cannot be run by "
                    + target.get().description() + ", which serves this model here");
            return null;
        }
        try {
            // hosted tools never reach the encoders: what is left is the request without them
            return new Route(target.get(), false,
                    services.codecs().upstream(target.get()).encodeRequest(decoded, deployment.model()),
                    decoded.hostedTools().stream().map(Conversation.HostedTool::type).distinct().toList(), provider);
        } catch (UntranslatableException e) {
            unreachable(e.getMessage());
            return null;
        }
    }

    private void unreachable(String reason) {
        if (unreachable == null) {
            unreachable = reason;
        }
    }

    /** The planned chain less the deployments the request cannot reach. */
    public List<Deployment> chain() {
        return chain;
    }

    /** Why the first deployment left out could not be reached; {@code null} when none was left out. */
    public String unreachable() {
        return unreachable;
    }

    Route route(Deployment deployment) {
        return routes.get(deployment);
    }

    /**
     * Calls a deployment of the chain through the adapter it was planned with; a pass-through body is only copied for
     * the ones tried.
     */
    UpstreamCall send(Deployment deployment) {
        var route = routes.get(deployment);
        var body = route.passThrough() ? request.forUpstream(deployment.model(), services.json()) : route.translated();
        return route.provider().send(new UpstreamRequest(route.api(), body, request.stream(), request.api(), headers),
                deployment);
    }

    /** The request in the internal model, decoded on first use. */
    Conversation conversation() {
        if (conversation == null) {
            conversation = services.codecs().client(request.api()).decodeRequest(request.body());
        }
        return conversation;
    }
}
