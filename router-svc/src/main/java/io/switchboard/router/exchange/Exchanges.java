package io.switchboard.router.exchange;

import java.util.List;
import java.util.function.Consumer;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.events.UsageEvent;
import io.switchboard.router.adapters.Codecs;
import io.switchboard.router.adapters.Providers;
import io.switchboard.router.health.HealthBoard;
import io.switchboard.router.metrics.RouterMetrics;
import io.switchboard.router.routing.Deployment;
import io.switchboard.router.translate.InvalidRequestException;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;

/**
 * The way into a request's life once its plan exists: {@link #translate} says how the request reaches each planned
 * deployment (and which it cannot reach), {@link #start} serves it down that chain until the usage event is built.
 */
@Singleton
public class Exchanges {

    private final Services services;

    Exchanges(Providers providers, Codecs codecs, HealthBoard health, RouterMetrics metrics, Vertx vertx,
            ObjectMapper json) {
        this.services = new Services(providers, codecs, health, metrics, vertx, json);
    }

    /**
     * @param planned the deployments to try, in order, as {@link io.switchboard.router.routing.ChainPlanner} planned
     *        them
     * @throws InvalidRequestException when a translation needs the request decoded and it is not valid for its API
     */
    public Translation translate(ClientRequest request, MultiMap headers, List<Deployment> planned) {
        return new Translation(request, headers, planned, services);
    }

    public void start(RequestContext request) {
        new Exchange(request, services).start();
    }

    /**
     * Asks the teacher, off the request path, the request a promoted student has just answered, and compares the two
     * answers (shadow evaluation); {@code finished} takes the shadow's usage event.
     *
     * @param teacher the deployments of the model asked for, as planned without the student
     * @param comparison how the two answers are compared, as the job's evals did
     * @param student the student's answer as the client received it, whole or streamed
     * @param record a record of its own for the shadow request
     * @param skipped runs instead when the teacher is not asked: the request reaches none of its deployments, the
     *        student's answer cannot be read, or the deployment's circuit is open
     */
    public void shadow(ClientRequest request, MultiMap headers, List<Deployment> teacher, String job,
            ShadowComparison comparison, AnswerCopy student, RequestRecord record, String priceVersion,
            Consumer<UsageEvent> finished, Runnable skipped) {
        ShadowCall.start(request, headers, teacher, job, comparison, student, record, priceVersion, services,
                finished, skipped);
    }
}
