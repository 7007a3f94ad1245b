package io.switchboard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compares a render with a file kept in git. {@code -Dgolden.update=true} rewrites the file instead, so that a change
 * to the chart is reviewed as a change to its output.
 */
final class Golden {

    static final String UPDATE = "./mvnw -B -q verify -pl deploy -am -Dgolden.update=true"
            + " -Dtest='ChartRenderTest,KustomizeBaseTest' -Dsurefire.failIfNoSpecifiedTests=false";

    private Golden() {
    }

    static void assertMatches(Path golden, String actual) {
        if (Boolean.getBoolean("golden.update")) {
            try {
                Files.createDirectories(golden.getParent());
                Files.writeString(golden, actual);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return;
        }
        assertThat(golden).as("%s is missing; write it with: %s", golden, UPDATE).exists();
        assertThat(actual)
                .as("%s is stale: review the difference and regenerate with: %s", Chart.ROOT.relativize(golden), UPDATE)
                .isEqualTo(Chart.read(golden));
    }
}
