package io.switchboard.metering.api;

import java.util.HashMap;
import java.util.Map;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.switchboard.metering.access.AccessException;
import io.switchboard.metering.budget.StandingsUnknownException;
import io.switchboard.metering.cluster.ClusterUnavailableException;
import io.switchboard.metering.query.SpendQueryException;

/** Errors of the metering API, in the same {@code {"error":{...}}} shape as the router's. */
class ErrorMappers {

    private static final Logger LOGGER = Logger.getLogger(ErrorMappers.class);

    @ServerExceptionMapper
    Response badQuery(SpendQueryException e) {
        return error(400, "invalid_request_error", e.param(), e.getMessage());
    }

    @ServerExceptionMapper
    Response denied(AccessException e) {
        var response = error(e.status(), e.status() == 401 ? "authentication_error" : "permission_error", null,
                e.getMessage());
        return e.status() == 401
                ? Response.fromResponse(response).header("WWW-Authenticate", "Bearer").build()
                : response;
    }

    @ServerExceptionMapper
    Response notFound(NotFoundException e) {
        return error(404, "not_found_error", null, e.getMessage());
    }

    @ServerExceptionMapper
    Response notReady(InvalidStateStoreException e) {
        LOGGER.infof("spend query answered 503: %s", e.getMessage());
        return unavailable("Spend is being restored after a start or rebalance; retry in a few seconds.");
    }

    @ServerExceptionMapper
    Response clusterNotReady(ClusterUnavailableException e) {
        LOGGER.infof("spend query answered 503: %s", e.getMessage());
        return unavailable(e.getMessage());
    }

    @ServerExceptionMapper
    Response standingsUnknown(StandingsUnknownException e) {
        LOGGER.infof("budgets answered 503: %s", e.getMessage());
        return unavailable(e.getMessage());
    }

    private static Response unavailable(String message) {
        return Response.fromResponse(error(503, "unavailable", null, message)).header("Retry-After", "2").build();
    }

    private static Response error(int status, String type, String param, String message) {
        var error = new HashMap<String, Object>();
        error.put("message", message);
        error.put("type", type);
        error.put("param", param);
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(Map.of("error", error)).build();
    }
}
