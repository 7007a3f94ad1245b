package io.switchboard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;

/** Renders of the default values and of every option, against golden files. */
class ChartRenderTest {

    static final java.nio.file.Path GOLDEN = Chart.ROOT.resolve("deploy/src/test/resources/golden");

    @Test
    void defaultValuesRenderAsGolden() {
        // given: the defaults make an admin key and the breaker's token secret at random
        var manifest = Chart.render();
        var objects = Manifests.parse(manifest);

        // when
        var stable = withoutGeneratedSecrets(manifest, objects);

        // then
        Golden.assertMatches(GOLDEN.resolve("default.yaml"), stable);
    }

    @Test
    void fullOptionsRenderAsGolden() {
        Golden.assertMatches(GOLDEN.resolve("full-options.yaml"), Chart.render(Chart.FULL_VALUES));
    }

    @Test
    void generatedAdminKeyIsTheOneTheRoutingFileAndTheBreakerTrust() {
        // given
        var objects = Manifests.parse(Chart.render());

        // when
        var key = new String(Base64.getDecoder().decode(secret(objects, "switchboard-admin-key").getData().get("key")),
                StandardCharsets.UTF_8);

        // then: one key per render, not one per template
        var sha256 = sha256(key);
        assertThat(key).startsWith("sk-admin-").hasSize("sk-admin-".length() + 32);
        assertThat(Manifests.configMap(objects, "switchboard-routing").getData().get("routing.yaml"))
                .contains("sha256: " + sha256);
        assertThat(Manifests.env(Manifests.container(objects, "switchboard-breaker"), "SWITCHBOARD_BREAKER_ADMIN_KEYS"))
                .isEqualTo(sha256);
    }

    @Test
    void upgradeKeepsTheAdminKeyAndTokenAlreadyInTheCluster() {
        // given: a release installed earlier, whose Secrets the chart looks up
        var adminKey = new SecretBuilder().withNewMetadata().withName("switchboard-admin-key")
                .withNamespace(Chart.NAMESPACE).endMetadata()
                .addToData("key", base64("sk-admin-installed-earlier")).build();
        var token = new SecretBuilder().withNewMetadata().withName("switchboard-breaker-token")
                .withNamespace(Chart.NAMESPACE).endMetadata()
                .addToData("token-secret", base64("token-installed-earlier")).build();
        Chart.CLUSTER.put(adminKey);
        Chart.CLUSTER.put(token);
        try {
            // when
            var objects = Manifests.parse(Chart.render());

            // then: answer links already sent and the admin key already handed out keep working
            assertThat(secret(objects, "switchboard-admin-key").getData()).isEqualTo(adminKey.getData());
            assertThat(secret(objects, "switchboard-breaker-token").getData()).isEqualTo(token.getData());
            assertThat(Manifests.configMap(objects, "switchboard-routing").getData().get("routing.yaml"))
                    .contains("sha256: " + sha256("sk-admin-installed-earlier"));
        } finally {
            Chart.CLUSTER.remove(adminKey);
            Chart.CLUSTER.remove(token);
        }
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The random values replaced by placeholders, after checking where they are. */
    private static String withoutGeneratedSecrets(String manifest, List<HasMetadata> objects) {
        var adminKey = secret(objects, "switchboard-admin-key").getData().get("key");
        var token = secret(objects, "switchboard-breaker-token").getData().get("token-secret");
        var hash = sha256(new String(Base64.getDecoder().decode(adminKey), StandardCharsets.UTF_8));
        return manifest.replace(adminKey, "<generated admin key>")
                .replace(hash, "<sha256 of the generated admin key>")
                .replace(token, "<generated token secret>");
    }

    private static Secret secret(List<HasMetadata> objects, String name) {
        return Manifests.named(objects, Secret.class, name);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
