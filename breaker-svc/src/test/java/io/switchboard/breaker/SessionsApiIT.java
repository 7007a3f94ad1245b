package io.switchboard.breaker;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same story against the packaged breaker: the native executable when built with {@code -Dnative}. */
@QuarkusIntegrationTest
@WithTestResource(BreakerTestResource.class)
class SessionsApiIT extends SessionsApiTest {
}
