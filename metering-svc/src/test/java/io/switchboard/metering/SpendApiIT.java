package io.switchboard.metering;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.switchboard.testing.KafkaBrokerResource;

/** The same queries against the packaged metering service: the native executable when built with {@code -Dnative}. */
@QuarkusIntegrationTest
@WithTestResource(KafkaBrokerResource.class)
class SpendApiIT extends SpendApiTest {
}
