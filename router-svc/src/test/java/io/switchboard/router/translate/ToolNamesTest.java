package io.switchboard.router.translate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;

class ToolNamesTest {

    @Test
    void aNamespacedToolIsNamespaceAndNameWhenThatIsValidAndFree() {
        // given
        var names = new ToolNames(Set.of("exec_command"));

        // when
        var flat = names.flat("multi_agent_v1", "spawn_agent");

        // then
        assertThat(flat).isEqualTo("multi_agent_v1__spawn_agent");
    }

    @Test
    void clashesLongNamesAndOddCharactersGetDistinctValidNames() {
        // given: a plain tool already named like the joined form, a split that would be ambiguous, a long MCP name
        var names = new ToolNames(Set.of("a__b"));

        // when
        var clash = names.flat("a", "b");
        var splitOne = names.flat("x__y", "z");
        var splitTwo = names.flat("x", "y__z");
        var long1 = names.flat("mcp__" + "server".repeat(10), "tool.one");
        var long2 = names.flat("mcp__" + "server".repeat(10), "tool.two");

        // then
        assertThat(Set.of(clash, splitOne, splitTwo, long1, long2)).hasSize(5)
                .allMatch(name -> name.matches("[a-zA-Z0-9_-]{1,64}"));
        assertThat(clash).isNotEqualTo("a__b");
        assertThat(splitTwo).isEqualTo("x__y__z");
        assertThat(names.flat("x", "y__z")).as("stable within a request").isEqualTo(splitTwo);
    }
}
