package io.switchboard.breaker.confirm;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.switchboard.events.Money;

/**
 * The page the links lead to: what is running, and two buttons. Opening the page changes nothing (link previews in
 * chat tools open links); only the form's POST answers.
 */
@Path("/confirm")
@Produces(MediaType.TEXT_HTML)
public class ConfirmPage {

    private final Answers answers;

    ConfirmPage(Answers answers) {
        this.answers = answers;
    }

    @GET
    public Response show(@QueryParam("token") String token) {
        var question = answers.openQuestion(token);
        if (question.isEmpty()) {
            return page(410, "Nothing to answer", "<p>This link has expired, was answered already, or is not "
                    + "valid.</p>");
        }
        var q = question.get();
        return page(200, "Is this session still meant to run?", """
                <p>This session has %s.</p>
                <table>
                  <tr><th>Tool</th><td>%s</td></tr><tr><th>Session</th><td><code>%s</code></td></tr>
                  <tr><th>Models</th><td>%s</td></tr><tr><th>Active</th><td>%d h %d min</td></tr>
                  <tr><th>Requests</th><td>%d</td></tr><tr><th>Tokens</th><td>%,d</td></tr>
                  <tr><th>Cost</th><td>%s</td></tr>
                </table>
                <form method="post" action="/confirm">
                  <input type="hidden" name="token" value="%s">
                  <label>Let it run another <select name="extraHours"><option value="1">1</option>
                    <option value="4" selected>4</option><option value="8">8</option></select> hours</label>
                  <button name="answer" value="continue">Continue</button>
                  <button name="answer" value="stop" class="stop">Stop it</button>
                </form>
                """.formatted(escape(q.detail()), escape(q.client()), escape(q.sessionId()),
                escape(String.join(", ", q.models())), q.activeMinutes() / 60, q.activeMinutes() % 60, q.requests(),
                q.tokens(), Money.dollars(q.costMicros()), escape(token)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response answer(@FormParam("token") String token, @FormParam("answer") String answer,
            @FormParam("extraHours") Integer extraHours) {
        var question = answers.openQuestion(token);
        if (question.isEmpty() || !"continue".equals(answer) && !"stop".equals(answer)) {
            return page(410, "Nothing to answer", "<p>This link has expired, was answered already, or is not "
                    + "valid.</p>");
        }
        boolean proceed = "continue".equals(answer);
        int hours = extraHours == null ? 0 : Math.max(0, Math.min(72, extraHours));
        if (!answers.answer(question.get(), proceed, hours, question.get().userId())) {
            return page(409, "Answered already", "<p>Someone answered this question a moment ago.</p>");
        }
        return page(200, proceed ? "The session goes on" : "The session is stopped", proceed
                ? "<p>It may run another " + (hours == 0 ? "full period" : hours + " hours")
                        + " before you are asked again.</p>"
                : "<p>Its next request will be refused. Start a new session to go on.</p>");
    }

    private static Response page(int status, String title, String body) {
        return Response.status(status).type(MediaType.TEXT_HTML).entity("""
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>%s · Switchboard</title>
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <style>body{font:16px system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem}
                th{text-align:left;padding-right:1rem}button{font-size:1rem;margin:1rem .5rem 0 0;padding:.5rem 1rem}
                .stop{background:#b3261e;color:#fff;border:0}</style></head>
                <body><h1>%s</h1>%s</body></html>
                """.formatted(escape(title), escape(title), body)).build();
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
