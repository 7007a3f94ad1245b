package io.switchboard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.marcnuri.helm.Helm;

class ChartLintTest {

    @Test
    void chartPassesStrictLint() {
        // when
        var result = new Helm(Chart.DIR).lint().strict().call();

        // then: strict turns every warning (a deprecated API, a value of the wrong type) into a failure; the one
        // [INFO] left is the missing icon
        assertThat(result.getMessages()).as("helm lint --strict").allMatch(message -> message.startsWith("[INFO]"));
        assertThat(result.isFailed()).as("helm lint --strict failed").isFalse();
    }
}
