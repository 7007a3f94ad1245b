package io.switchboard.distill.reconcile;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.switchboard.distill.api.DistillationJob;
import io.switchboard.distill.api.DistillationJobStatus;
import io.switchboard.distill.api.Promotion;
import io.switchboard.distill.model.Inputs;
import io.switchboard.distill.model.ServingModel;
import io.switchboard.distill.promotion.RoutePublisher;
import io.switchboard.distill.promotion.RoutePublisher.PublishException;
import io.switchboard.distill.report.EvaluationSummary;
import io.switchboard.events.StudentRoute;

/**
 * The Promoted condition and the route behind it. True means a route is on the topic: it is published once per
 * generation, and withdrawn (a tombstone) whenever the job stops wanting it; a send Kafka did not take is tried again
 * by the next reconcile. A reconcile that still sees an older status may send a route or a tombstone twice: the
 * topic is compacted by key, so the second changes nothing.
 */
@ApplicationScoped
public class Promoting {

    static final String WITHDRAWN = "Withdrawn";
    static final String CANARY = "Canary";
    private static final String PUBLISHED = "Published";
    private static final String PUBLISH_FAILED = "PublishFailed";
    private static final String WITHDRAW_FAILED = "WithdrawFailed";
    private static final Logger LOGGER = Logger.getLogger(Promoting.class);

    private final RoutePublisher publisher;

    public Promoting(RoutePublisher publisher) {
        this.publisher = publisher;
    }

    /** Publishes the student's route unless this generation's is out already; false when Kafka did not take it. */
    boolean promote(Inputs inputs, EvaluationSummary summary, DistillationJobStatus status) {
        boolean published = Conditions.find(status, Conditions.PROMOTED).filter(c -> "True".equals(c.getStatus())
                && Long.valueOf(inputs.generation()).equals(c.getObservedGeneration())).isPresent();
        return published || promote(inputs, summary, status, null);
    }

    /**
     * Publishes the student's route for a share of the requests (a canary step; {@code null} or 100 is all of them);
     * false when Kafka did not take it.
     */
    boolean promote(Inputs inputs, EvaluationSummary summary, DistillationJobStatus status, Integer share) {
        StudentRoute route = route(inputs, summary, share);
        try {
            publisher.publish(route);
        } catch (PublishException e) {
            LOGGER.warnf("route not published, trying again: job=%s: %s", route.job(), e.getMessage());
            Conditions.set(status, inputs.generation(), Conditions.PROMOTED, false, PUBLISH_FAILED,
                    e.getMessage() + "; trying again.");
            return false;
        }
        boolean canary = route.share() < 100;
        Conditions.set(status, inputs.generation(), Conditions.PROMOTED, true, canary ? CANARY : PUBLISHED,
                "%s for %s on workload %s go to the student %s at %s first, the teacher's deployments after it."
                        .formatted(canary ? route.share() + "% of the requests" : "Requests", route.model(),
                                route.workload(), route.student(), route.baseUrl()));
        return true;
    }

    /**
     * Withdraws a route that may be out, then says why the student is not routed; false when Kafka did not take the
     * tombstone (Promoted stays True: the route is still there).
     */
    boolean withhold(DistillationJob job, DistillationJobStatus status, String reason, String message) {
        long generation = job.getMetadata().getGeneration();
        if (mayBePublished(status)) {
            try {
                publisher.withdraw(key(job));
            } catch (PublishException e) {
                LOGGER.warnf("route not withdrawn, trying again: job=%s: %s", key(job), e.getMessage());
                Conditions.set(status, generation, Conditions.PROMOTED, true, WITHDRAW_FAILED,
                        "The route is still published: " + e.getMessage() + "; trying again.");
                return false;
            }
        }
        Conditions.set(status, generation, Conditions.PROMOTED, false, reason, message);
        return true;
    }

    /** Withdraws the route before the job is deleted; false when Kafka did not take the tombstone. */
    boolean release(DistillationJob job) {
        if (job.getStatus() == null || !mayBePublished(job.getStatus())) {
            return true;
        }
        try {
            publisher.withdraw(key(job));
            return true;
        } catch (PublishException e) {
            LOGGER.warnf("route not withdrawn, the job stays until it is: job=%s: %s", key(job), e.getMessage());
            return false;
        }
    }

    /** True, or a send that failed after it may have reached the topic. */
    static boolean mayBePublished(DistillationJobStatus status) {
        return Conditions.find(status, Conditions.PROMOTED)
                .filter(c -> "True".equals(c.getStatus()) || PUBLISH_FAILED.equals(c.getReason())).isPresent();
    }

    /** The route's key: {@code <namespace>/<name>} of its job. */
    public static String key(DistillationJob job) {
        return key(job.getMetadata().getNamespace(), job.getMetadata().getName());
    }

    private static String key(String namespace, String job) {
        return namespace + "/" + job;
    }

    /**
     * The teacher's model and the task's workload unless spec.promotion says otherwise; the student's own price; the
     * shadow share of spec.promotion.shadow, compared as the evals compare.
     */
    private static StudentRoute route(Inputs inputs, EvaluationSummary summary, Integer share) {
        Promotion promotion = inputs.spec().promotion;
        String model = promotion != null && promotion.model != null ? promotion.model : inputs.spec().teacher;
        String workload = promotion != null && promotion.workload != null ? promotion.workload : inputs.spec().task;
        long price = summary.student().costMicrosPerMillionTokens();
        // the student's server (vLLM or the trainer's) answers the OpenAI API under /v1
        Integer shadow = promotion != null && promotion.shadow != null ? promotion.shadow.percent : null;
        var compared = shadow == null ? Shadowing.Comparison.WHOLE_TEXT : Shadowing.comparison(inputs.spec().evals);
        return new StudentRoute(key(inputs.namespace(), inputs.job()), model, workload, inputs.servedName(),
                ServingModel.url(inputs) + "/v1", price, price, Instant.now(), share, shadow, compared.fields(),
                compared.pattern(), compared.toolCalls());
    }
}
