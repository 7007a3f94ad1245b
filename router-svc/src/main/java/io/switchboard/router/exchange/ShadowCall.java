package io.switchboard.router.exchange;

import java.util.List;
import java.util.function.Consumer;

import io.switchboard.events.Attempt;
import io.switchboard.events.Tokens;
import io.switchboard.events.UsageEvent;
import io.switchboard.router.health.DeploymentHealth;
import io.switchboard.router.provider.UpstreamCall;
import io.switchboard.router.routing.Deployment;
import io.switchboard.router.translate.Part;
import io.switchboard.router.translate.WireException;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

/**
 * Shadow evaluation of one request: after the client has a promoted student's answer, the teacher (one deployment, no
 * failover) is asked the same request (for its answer at once, where the student's was streamed), and its answer is
 * compared with the student's as the route says ({@link ShadowComparison}). However it ends, one usage event says
 * what the teacher's answer cost and whether the two agreed ({@link UsageEvent.Shadow}); nothing of either answer
 * leaves the router. A deployment whose circuit is open is not called, and no event is
 * published. A refusal of the request does not count against the deployment's circuit. Confined to the request's event
 * loop.
 */
final class ShadowCall {

    private final Translation translation;
    private final Deployment teacher;
    private final String job;
    private final List<Part> studentAnswer;
    private final ShadowComparison comparison;
    private final RequestRecord record;
    private final String priceVersion;
    private final Services services;
    private final Consumer<UsageEvent> finished;
    private final Runnable skipped;
    private Context context;
    private DeploymentHealth.Ticket ticket;
    private long startedNanos;
    private boolean done;

    private ShadowCall(Translation translation, String job, ShadowComparison comparison, List<Part> studentAnswer,
            RequestRecord record, String priceVersion, Services services, Consumer<UsageEvent> finished,
            Runnable skipped) {
        this.translation = translation;
        this.teacher = translation.chain().get(0);
        this.job = job;
        this.studentAnswer = studentAnswer;
        this.comparison = comparison;
        this.record = record;
        this.priceVersion = priceVersion;
        this.services = services;
        this.finished = finished;
        this.skipped = skipped;
    }

    /**
     * Asks the teacher; {@code skipped} instead when the request reaches none of its deployments, the student's answer
     * cannot be read, or the deployment's circuit is open.
     *
     * @param teacher the model's own chain, its first reachable deployment asked
     * @param comparison how the two answers are compared, as the job's evals did
     * @param student the student's answer as the client received it, whole or streamed; the teacher is asked for
     *        its answer at once either way
     * @param record the shadow's own record, which becomes its usage event
     */
    static void start(ClientRequest request, MultiMap headers, List<Deployment> teacher, String job,
            ShadowComparison comparison, AnswerCopy student, RequestRecord record, String priceVersion,
            Services services, Consumer<UsageEvent> finished, Runnable skipped) {
        List<Part> studentAnswer;
        Translation translation;
        try {
            studentAnswer = student.whole() == null
                    ? student.streamedAnswer()
                    : services.codecs().upstream(request.api()).decodeReply(student.whole().getBytes()).content();
            translation = new Translation(request.whole(services.json()), headers, teacher, services);
        } catch (RuntimeException e) {
            skipped.run();
            return;
        }
        if (translation.chain().isEmpty()) {
            skipped.run();
            return;
        }
        new ShadowCall(translation, job, comparison, studentAnswer, record, priceVersion, services, finished,
                skipped).start();
    }

    private void start() {
        context = services.vertx().getOrCreateContext();
        services.health().of(teacher).admit().onComplete(admitted -> onContext(() -> {
            if (admitted.succeeded()) {
                ticket = admitted.result();
                call();
            } else {
                skipped.run();
            }
        }));
    }

    /** The breaker may answer on another thread; the shadow's state belongs to the request's event loop. */
    private void onContext(Runnable action) {
        if (Vertx.currentContext() == context) {
            action.run();
        } else {
            context.runOnContext(ignored -> action.run());
        }
    }

    private void call() {
        startedNanos = System.nanoTime();
        UpstreamCall call;
        try {
            call = translation.send(teacher);
        } catch (RuntimeException e) {
            failed(Attempt.Outcome.SERVER_ERROR, 0, true);
            return;
        }
        long timer = services.vertx().setTimer(Math.max(1, teacher.timeouts().total().toMillis()), id -> {
            // settled first: the cancel completes the call's response at once, as a failure
            failed(Attempt.Outcome.TIMEOUT, 0, true);
            call.cancel();
        });
        call.response().onComplete(answered -> {
            if (answered.failed()) {
                services.vertx().cancelTimer(timer);
                failed(UpstreamVerdicts.outcomeOf(answered.cause()), 0, true);
                return;
            }
            var response = answered.result();
            int status = response.status();
            response.body().onComplete(body -> {
                services.vertx().cancelTimer(timer);
                if (status / 100 == 2 && body.succeeded()) {
                    answered(body.result());
                } else if (status / 100 == 2) {
                    failed(Attempt.Outcome.SERVER_ERROR, 0, true);
                } else if (UpstreamVerdicts.retryable(status)) {
                    failed(UpstreamVerdicts.outcomeOf(status), status, true);
                } else {
                    // the teacher refused this request (or does not know the model): not a fault of its health
                    failed(Attempt.Outcome.CLIENT_ERROR, status, false);
                }
            });
        });
    }

    private void answered(Buffer body) {
        if (done) {
            return;
        }
        var route = translation.route(teacher);
        var reply = services.codecs().upstream(route.api());
        List<Part> teacherAnswer;
        Tokens tokens;
        try {
            var decoded = reply.decodeReply(body.getBytes());
            teacherAnswer = decoded.content();
            tokens = route.passThrough()
                    ? services.codecs().usage(route.api()).usage(body.getBytes())
                    : decoded.usage();
        } catch (WireException e) {
            failed(Attempt.Outcome.MALFORMED, 0, true);
            return;
        }
        done = true;
        ticket.succeeded();
        record.servedBy(teacher, startedNanos);
        record.tokens(tokens);
        record.shadow(new UsageEvent.Shadow(job, comparison.agree(studentAnswer, teacherAnswer)));
        publish(record.finish(UsageEvent.Outcome.OK, Attempt.Outcome.OK, 200, priceVersion));
    }

    /**
     * @param againstHealth whether the failure counts against the deployment's circuit (a refusal of the request does
     *        not)
     */
    private void failed(Attempt.Outcome outcome, int status, boolean againstHealth) {
        if (done) {
            return;
        }
        done = true;
        if (againstHealth) {
            ticket.failed();
        } else {
            ticket.succeeded();
        }
        record.failedAttempt(new Attempt(teacher.provider(), teacher.model(), outcome, status,
                (System.nanoTime() - startedNanos) / 1_000_000));
        record.shadow(new UsageEvent.Shadow(job, false));
        int clientStatus = status != 0 ? status : outcome == Attempt.Outcome.TIMEOUT ? 504 : 502;
        publish(record.finish(UsageEvent.Outcome.UPSTREAM_ERROR, null, clientStatus, priceVersion));
    }

    private void publish(UsageEvent event) {
        if (event != null) {
            finished.accept(event);
        }
    }
}
