package io.switchboard.testing;

import java.net.URI;

import org.eclipse.microprofile.config.ConfigProvider;

/** Where the service under test, in a {@code @QuarkusTest} or an integration test, serves health and metrics. */
public final class Management {

    private Management() {
    }

    /** @param path {@code /q/metrics}, {@code /q/health/ready}... */
    public static String url(String path) {
        var management = ConfigProvider.getConfig().getValue("test.management.url", String.class);
        // it ends in the non-application root (/q), which the path holds too
        return URI.create(management).resolve(path).toString();
    }
}
