package io.switchboard.router;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** Capture against the packaged router: the native executable when built with {@code -Dnative}. */
@QuarkusIntegrationTest
@WithTestResource(RouterTestResource.class)
class TrafficCaptureIT extends TrafficCaptureTest {
}
