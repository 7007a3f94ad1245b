package io.switchboard.router.wire;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.switchboard.router.RouterTestResource;

/** Every API pair against the packaged router: the native executable when built with {@code -Dnative}. */
@QuarkusIntegrationTest
@WithTestResource(RouterTestResource.class)
class WireCompatibilityIT extends WireCompatibilityTest {
}
