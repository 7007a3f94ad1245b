package io.switchboard.router.exchange;

import java.util.List;
import java.util.function.Consumer;

import io.switchboard.events.Attempt;
import io.switchboard.events.Tokens;
import io.switchboard.events.UsageEvent;
import io.switchboard.router.health.DeploymentHealth;
import io.switchboard.router.provider.UpstreamCall;
import io.switchboard.router.routing.Deployment;
import io.switchboard.router.translate.PlainText;
import io.switchboard.router.translate.WireException;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

/**
 * Shadow evaluation of one request: after the client has a promoted student's answer, the teacher (one deployment, no
 * failover) is asked the same request, and its answer's text is compared with the student's. However it ends, one
 * usage event says what the teacher's answer cost and whether the two agreed ({@link UsageEvent.Shadow}); nothing of
 * either answer leaves the router. A deployment whose circuit is open is not called, and no event is published.
 */
final class ShadowCall {

    private final Translation translation;
    private final Deployment teacher;
    private final String job;
    private final String studentText;
    private final RequestRecord record;
    private final String priceVersion;
    private final Services services;
    private final Consumer<UsageEvent> finished;
    private final Runnable skipped;
    private DeploymentHealth.Ticket ticket;
    private long startedNanos;
    private boolean done;

    private ShadowCall(Translation translation, String job, String studentText, RequestRecord record,
            String priceVersion, Services services, Consumer<UsageEvent> finished, Runnable skipped) {
        this.translation = translation;
        this.teacher = translation.chain().get(0);
        this.job = job;
        this.studentText = studentText;
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
     * @param student the student's answer as the client received it (not streamed)
     * @param record the shadow's own record, which becomes its usage event
     */
    static void start(ClientRequest request, MultiMap headers, List<Deployment> teacher, String job, Buffer student,
            RequestRecord record, String priceVersion, Services services, Consumer<UsageEvent> finished,
            Runnable skipped) {
        String studentText;
        Translation translation;
        try {
            studentText = PlainText.of(
                    services.codecs().upstream(request.api()).decodeReply(student.getBytes()).content());
            translation = new Translation(request, headers, teacher, services);
        } catch (RuntimeException e) {
            skipped.run();
            return;
        }
        if (translation.chain().isEmpty()) {
            skipped.run();
            return;
        }
        new ShadowCall(translation, job, studentText, record, priceVersion, services, finished, skipped).start();
    }

    private void start() {
        services.health().of(teacher).admit().onComplete(admitted -> {
            if (admitted.succeeded()) {
                ticket = admitted.result();
                call();
            } else {
                skipped.run();
            }
        });
    }

    private void call() {
        startedNanos = System.nanoTime();
        UpstreamCall call = translation.send(teacher);
        long timer = services.vertx().setTimer(Math.max(1, teacher.timeouts().total().toMillis()), id -> {
            call.cancel();
            failed(Attempt.Outcome.TIMEOUT, 0);
        });
        call.response().onComplete(answered -> {
            if (answered.failed()) {
                services.vertx().cancelTimer(timer);
                failed(UpstreamVerdicts.outcomeOf(answered.cause()), 0);
                return;
            }
            var response = answered.result();
            int status = response.status();
            response.body().onComplete(body -> {
                services.vertx().cancelTimer(timer);
                if (status / 100 != 2 || body.failed()) {
                    failed(status / 100 == 2 ? Attempt.Outcome.SERVER_ERROR : UpstreamVerdicts.outcomeOf(status),
                            status);
                } else {
                    answered(body.result());
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
        String teacherText;
        Tokens tokens;
        try {
            var decoded = reply.decodeReply(body.getBytes());
            teacherText = PlainText.of(decoded.content());
            tokens = route.passThrough()
                    ? services.codecs().usage(route.api()).usage(body.getBytes())
                    : decoded.usage();
        } catch (WireException e) {
            failed(Attempt.Outcome.MALFORMED, 200);
            return;
        }
        done = true;
        ticket.succeeded();
        boolean agreed = teacherText.strip().equals(studentText.strip());
        record.servedBy(teacher, startedNanos);
        record.tokens(tokens);
        record.shadow(new UsageEvent.Shadow(job, agreed));
        finished.accept(record.finish(UsageEvent.Outcome.OK, Attempt.Outcome.OK, 200, priceVersion));
    }

    private void failed(Attempt.Outcome outcome, int status) {
        if (done) {
            return;
        }
        done = true;
        ticket.failed();
        record.failedAttempt(new Attempt(teacher.provider(), teacher.model(), outcome, status,
                (System.nanoTime() - startedNanos) / 1_000_000));
        record.shadow(new UsageEvent.Shadow(job, false));
        int clientStatus = status != 0 ? status : outcome == Attempt.Outcome.TIMEOUT ? 504 : 502;
        finished.accept(record.finish(UsageEvent.Outcome.UPSTREAM_ERROR, null, clientStatus, priceVersion));
    }
}
