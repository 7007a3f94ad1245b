package io.switchboard.metering.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import io.switchboard.metering.access.KeyRing;
import io.switchboard.metering.access.Scoping;
import io.switchboard.metering.cluster.Partials;
import io.switchboard.metering.cluster.Partials.SessionsRequest;
import io.switchboard.metering.cluster.Partials.SpendRequest;
import io.switchboard.metering.cluster.SpendCluster;

/**
 * Where instances ask each other for the part of an answer held by their partitions. The caller's key travels with
 * the request and is checked again, so this endpoint shows no more than the public one would.
 */
@Path("/internal/v1")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class InternalResource {

    private final SpendCluster cluster;
    private final KeyRing keys;

    InternalResource(SpendCluster cluster, KeyRing keys) {
        this.cluster = cluster;
        this.keys = keys;
    }

    @POST
    @Path("/spend")
    public byte[] spend(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] body) {
        var request = Partials.read(body, SpendRequest.class);
        var query = Scoping.scope(keys.authenticate(authorization), request.query());
        return Partials.write(cluster.localSpend(query, request.partitions()));
    }

    @POST
    @Path("/sessions")
    public byte[] sessions(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] body) {
        var request = Partials.read(body, SessionsRequest.class);
        var query = Scoping.scope(keys.authenticate(authorization), request.query());
        return Partials.write(cluster.localSessions(query, request.partitions()));
    }
}
