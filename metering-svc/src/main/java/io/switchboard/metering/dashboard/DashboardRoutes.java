package io.switchboard.metering.dashboard;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.ext.web.Router;

/**
 * The usage dashboard is static files under {@code META-INF/resources/dashboard/}; this sends {@code /dashboard} to
 * {@code /dashboard/}, where its relative links resolve. The browser keeps the fragment (the key) across the redirect.
 */
@ApplicationScoped
class DashboardRoutes {

    void register(@Observes Router router) {
        router.get("/dashboard").handler(ctx -> {
            if (ctx.request().path().equals("/dashboard")) {
                ctx.redirect("dashboard/");
            } else {
                ctx.next();
            }
        });
    }
}
