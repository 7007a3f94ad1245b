package io.switchboard.distill.reconcile;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.switchboard.distill.DistillConfig;
import io.switchboard.distill.api.DistillationJob;
import io.switchboard.distill.catalog.CatalogFile;
import io.switchboard.distill.model.Inputs;

/** The model's inputs for a job, or why there are none: the spec names what the operator cannot run. */
@ApplicationScoped
public class PipelineInputs {

    private final CatalogFile catalog;
    private final DistillConfig config;
    private final boolean kafkaAuthenticates;

    public PipelineInputs(CatalogFile catalog, DistillConfig config,
            @ConfigProperty(name = "kafka.security.protocol", defaultValue = "PLAINTEXT") String kafkaProtocol) {
        this.catalog = catalog;
        this.config = config;
        this.kafkaAuthenticates = !"PLAINTEXT".equalsIgnoreCase(kafkaProtocol);
    }

    public Inputs of(DistillationJob job) {
        String base = job.getSpec().student.base;
        var entry = catalog.read().find(base).orElseThrow(() -> new Refused("UnknownStudent",
                "spec.student.base: " + base + " is not in the student catalog"));
        if (job.getSpec().dataset.fromTraffic != null && config.tracesBootstrapServers().isEmpty()) {
            throw new Refused("DatasetUnavailable", "spec.dataset.fromTraffic: this operator has no Kafka to read "
                    + "captured traffic from (switchboard.distill.traces-bootstrap-servers); use uri or configMap");
        }
        if (job.getSpec().dataset.fromTraffic != null && kafkaAuthenticates && config.tracesKafkaSecret().isEmpty()) {
            throw new Refused("DatasetUnavailable", "spec.dataset.fromTraffic: Kafka asks its clients to "
                    + "authenticate, and this operator names no Secret of client settings for dataset Jobs "
                    + "(switchboard.distill.traces-kafka-secret); use uri or configMap");
        }
        return new Inputs(job.getMetadata().getName(), job.getMetadata().getNamespace(),
                job.getMetadata().getGeneration(), job.getSpec(), entry, config);
    }

    /** Why the job cannot run, or empty when it can. */
    public Optional<Refused> refusal(DistillationJob job) {
        try {
            of(job);
            return Optional.empty();
        } catch (Refused refused) {
            return Optional.of(refused);
        }
    }

    /** A spec the operator refuses: the reason of the Accepted condition, a message naming the field. */
    public static class Refused extends RuntimeException {

        private final String reason;

        Refused(String reason, String message) {
            super(message);
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }
}
