package io.switchboard.router.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class RandomIdsTest {

    @Test
    void idsAreVersionFourUuidsThatDoNotRepeat() {
        var seen = new HashSet<UUID>();
        for (int i = 0; i < 200_000; i++) {
            var id = RandomIds.next();
            assertThat(id.version()).isEqualTo(4);
            assertThat(id.variant()).isEqualTo(2);
            seen.add(id);
        }
        assertThat(seen).hasSize(200_000);
        assertThat(UUID.fromString(RandomIds.next().toString()).version()).isEqualTo(4);
    }
}
