package io.switchboard.router.exchange;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.router.adapters.Codecs;
import io.switchboard.router.adapters.Providers;
import io.switchboard.router.health.HealthBoard;
import io.switchboard.router.metrics.RouterMetrics;
import io.vertx.core.Vertx;

/** What every exchange shares: the adapters it calls and translates with, the health it reads and feeds, metrics. */
record Services(Providers providers, Codecs codecs, HealthBoard health, RouterMetrics metrics, Vertx vertx,
        ObjectMapper json) {
}
