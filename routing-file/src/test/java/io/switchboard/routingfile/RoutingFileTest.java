package io.switchboard.routingfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonMappingException;

class RoutingFileTest {

    @Test
    void aPartOfTheFileReadsAloneAndTheRestIsAbsent() throws Exception {
        // given: the parts metering reads, as an operator writes them
        var text = """
                keys:
                  - {id: k1, sha256: abc, user: alice, team: t1}
                adminKeys:
                  - {id: admin, sha256: def}
                budgets:
                  - {subject: "team:t1", period: month, hard: 5}
                """;

        // when
        var file = RoutingFile.parse(text);

        // then
        assertThat(file.keys()).containsExactly(new RoutingFile.KeySpec("k1", "abc", "alice", "t1"));
        assertThat(file.adminKeys()).containsExactly(new RoutingFile.KeySpec("admin", "def", null, null));
        assertThat(file.budgets()).containsExactly(new RoutingFile.BudgetSpec("team:t1", "month", null, "5", null));
        assertThat(file.models()).isNull();
    }

    @Test
    void aFieldNobodyReadsIsRefusedByItsPath() {
        assertThatThrownBy(() -> RoutingFile.parse("keys:\n  - {id: k1, sha: abc}\n"))
                .isInstanceOf(JsonMappingException.class)
                .hasMessageContaining("sha");
    }
}
