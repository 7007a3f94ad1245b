package io.switchboard.breaker.confirm;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.switchboard.events.Confirmation;

/**
 * The confirmation API: answer a question about a session (with the token of its link, or an admin key), and list
 * questions by state (admin key).
 */
@Path("/v1/sessions")
@Produces(MediaType.APPLICATION_JSON)
public class SessionsResource {

    private final Answers answers;

    SessionsResource(Answers answers) {
        this.answers = answers;
    }

    /** An answer: {@code answer} is continue or stop; {@code extraHours}, for continue, grants that much more time. */
    public record AnswerRequest(String token, String answer, Integer extraHours) {
    }

    @POST
    @Path("/{session}/answer")
    public Response answer(@PathParam("session") String session, @HeaderParam(HttpHeaders.AUTHORIZATION) String auth,
            AnswerRequest request) {
        if (request == null || !"continue".equals(request.answer()) && !"stop".equals(request.answer())) {
            return error(400, "invalid_request_error", "answer must be 'continue' or 'stop'.");
        }
        int extraHours = request.extraHours() == null ? 0 : request.extraHours();
        if (extraHours < 0 || extraHours > 72) {
            return error(400, "invalid_request_error", "extraHours must be between 0 and 72.");
        }
        boolean admin = answers.isAdmin(auth);
        var question = admin
                ? answers.latest(session).filter(Confirmation::open)
                : answers.openQuestion(request.token()).filter(q -> q.sessionId().equals(session));
        if (question.isEmpty()) {
            return admin || answers.genuine(request.token())
                    ? error(409, "conflict", "There is no open question about this session: it was answered already "
                            + "or has expired.")
                    : error(403, "permission_error", "This link is not valid for this session: it is forged or "
                            + "expired.");
        }
        var by = admin ? "an admin" : question.get().userId();
        if (!answers.answer(question.get(), "continue".equals(request.answer()), extraHours, by)) {
            return error(409, "conflict", "This question was answered already.");
        }
        return Response.ok(Map.of("session", session, "answer", request.answer())).build();
    }

    @GET
    public Response list(@QueryParam("state") String state, @HeaderParam(HttpHeaders.AUTHORIZATION) String auth) {
        if (!answers.isAdmin(auth)) {
            return error(401, "invalid_request_error", "An admin key is required: 'Authorization: Bearer <key>'.");
        }
        Predicate<Confirmation> filter;
        switch (state == null ? "pending" : state) {
            case "pending" -> filter = Confirmation::open;
            case "answered" -> filter = q -> q.kind() == Confirmation.Kind.ANSWERED;
            case "expired" -> filter = q -> q.kind() == Confirmation.Kind.EXPIRED;
            default -> {
                return error(400, "invalid_request_error", "state must be pending, answered or expired.");
            }
        }
        List<Confirmation> sessions = answers.withState(filter);
        return Response.ok(Map.of("state", state == null ? "pending" : state, "sessions", sessions)).build();
    }

    static Response error(int status, String type, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", Map.of("type", type, "message", message))).build();
    }
}
