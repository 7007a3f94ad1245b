package io.switchboard.router.exchange;

import java.util.function.Consumer;

import io.switchboard.events.UsageEvent;
import io.switchboard.router.routing.RetryPolicy;
import io.vertx.ext.web.RoutingContext;

/**
 * One request as its exchange serves it, fixed once its plan exists: the client's request and connection, how the
 * request reaches each deployment of the plan, the record that becomes its usage event, and where that event goes.
 *
 * @param errors the error format of the client's API
 * @param retry the routing table's retry policy for the walk down the chain
 * @param retiredHeader the {@code x-switchboard-retired} value when a retired model's successor serves, else
 *        {@code null}
 * @param priceVersion the price table the usage event's cost comes from
 * @param answerCopy where the answer is copied for traffic capture; {@code null} when the request is not captured
 * @param finished takes the usage event, once, however the request ends
 */
public record RequestContext(RoutingContext http, ClientRequest request, ApiErrors errors, Translation translation,
        RequestRecord record, RetryPolicy retry, String retiredHeader, String priceVersion, AnswerCopy answerCopy,
        Consumer<UsageEvent> finished) {
}
