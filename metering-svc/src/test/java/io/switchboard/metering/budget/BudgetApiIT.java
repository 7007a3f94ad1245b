package io.switchboard.metering.budget;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.switchboard.testing.KafkaBrokerResource;

/** Budgets against the packaged metering service: the native executable when built with {@code -Dnative}. */
@QuarkusIntegrationTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(BudgetApiTest.Webhook.class)
class BudgetApiIT extends BudgetApiTest {
}
