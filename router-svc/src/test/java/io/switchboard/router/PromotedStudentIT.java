package io.switchboard.router;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** Promoted students and their shadows against the packaged router: the native executable when built with {@code -Dnative}. */
@QuarkusIntegrationTest
@WithTestResource(RouterTestResource.class)
class PromotedStudentIT extends PromotedStudentTest {
}
