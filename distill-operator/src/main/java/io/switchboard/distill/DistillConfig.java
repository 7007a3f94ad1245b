package io.switchboard.distill;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The operator's settings; the chart sets each of them. */
@ConfigMapping(prefix = "switchboard.distill")
public interface DistillConfig {

    /** The student catalog (YAML), mounted from a ConfigMap's key {@code catalog.yaml}. */
    String catalogFile();

    /** The router's base URL: the worker asks the teacher through it, so metering sees the distillation's cost. */
    String routerUrl();

    /** The Secret (key {@code key}) holding the router service key the worker Jobs use. */
    String routerKeySecret();

    /** The trainer image: training Jobs and small students' serving Deployments. */
    String trainerImage();

    /** This operator's image, run in worker mode by the dataset and evaluation Jobs. */
    String workerImage();

    /**
     * The Kafka bootstrap servers a dataset Job reads captured traffic from ({@code spec.dataset.fromTraffic});
     * unset, such jobs are refused. Default in {@code application.properties}: the operator's own.
     */
    Optional<String> tracesBootstrapServers();

    /**
     * A Secret in the job's namespace whose entries are the Kafka client's other settings as environment variables
     * ({@code KAFKA_SECURITY_PROTOCOL}, {@code KAFKA_SASL_MECHANISM}, {@code KAFKA_SASL_JAAS_CONFIG}), for a cluster that
     * asks clients to authenticate; the dataset Job of a {@code fromTraffic} job takes them as its environment.
     */
    Optional<String> tracesKafkaSecret();

    /**
     * A Secret in the job's namespace holding a PKCS12 trust store for Kafka's TLS listener and its password; the
     * dataset Job of a {@code fromTraffic} job mounts it and points its Kafka client at it.
     */
    Optional<String> tracesKafkaTruststoreSecret();

    /** The trust store's key in that Secret. */
    @WithDefault("truststore.p12")
    String tracesKafkaTruststoreKey();

    /** The key of the trust store's password in that Secret. */
    @WithDefault("truststore.password")
    String tracesKafkaTruststorePasswordKey();

    /**
     * A storage class offering ReadWriteMany, for the workspace of a job that trains on several nodes
     * ({@code spec.training.nodes} above 1): every node reads the data and the first writes the student. Unset, such
     * jobs are refused.
     */
    Optional<String> sharedStorageClass();

    /** vLLM's OpenAI-compatible server, serving a LoRA student's adapter on its base. */
    @WithDefault("vllm/vllm-openai:v0.11.0")
    String vllmImage();
}
