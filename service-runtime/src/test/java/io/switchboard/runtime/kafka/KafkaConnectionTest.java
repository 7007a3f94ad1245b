package io.switchboard.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class KafkaConnectionTest {

    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required"
            + " username=\"router\" password=\"s3cret\";";

    @Test
    void keepsTheServersAndEverySecuritySettingOfAServicesKafkaConfiguration() {
        // given: what Quarkus collects from kafka.* properties and KAFKA_* variables
        var config = Map.<String, Object>of("bootstrap.servers", "kafka-0:9093", "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512", "sasl.jaas.config", JAAS,
                "ssl.truststore.location", "/etc/switchboard/kafka-tls/ca.p12", "ssl.truststore.password", "changeit",
                "group.id", "router-svc", "streams.state.dir", "/tmp");

        // when
        var client = KafkaConnection.of(config).with(Map.of("client.id", "router-usage", "acks", "all"));

        // then: the connection's settings and the client's own, nothing else
        assertThat(client).containsOnly(Map.entry("bootstrap.servers", "kafka-0:9093"),
                Map.entry("security.protocol", "SASL_SSL"), Map.entry("sasl.mechanism", "SCRAM-SHA-512"),
                Map.entry("sasl.jaas.config", JAAS),
                Map.entry("ssl.truststore.location", "/etc/switchboard/kafka-tls/ca.p12"),
                Map.entry("ssl.truststore.password", "changeit"), Map.entry("client.id", "router-usage"),
                Map.entry("acks", "all"));
    }

    @Test
    void aClientCannotReplaceAConnectionSetting() {
        var kafka = KafkaConnection.plaintext("localhost:9092");

        assertThatThrownBy(() -> kafka.with(Map.of("security.protocol", "PLAINTEXT")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("security.protocol");
        assertThatThrownBy(() -> kafka.with(Map.of("bootstrap.servers", "elsewhere:9092")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bootstrap.servers");
    }

    @Test
    void withoutBootstrapServersItSaysWhichPropertyIsMissing() {
        assertThatThrownBy(() -> KafkaConnection.of(Map.of("security.protocol", "SSL")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kafka.bootstrap.servers");
    }

    @Test
    void itsTextNamesTheSettingsButNeverTheirValues() {
        var kafka = KafkaConnection.of(Map.of("bootstrap.servers", "kafka-0:9093", "sasl.jaas.config", JAAS));

        assertThat(kafka).hasToString("KafkaConnection[bootstrap.servers, sasl.jaas.config]");
        assertThat(kafka.toString()).doesNotContain("s3cret");
    }
}
