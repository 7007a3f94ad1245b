package io.switchboard.distill.reconcile;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Whether the cluster runs Kubeflow Trainer: its TrainJob and TrainingRuntime CRDs are installed. Once found, that is
 * kept; while missing, the CRDs are looked for again at most every {@link #RECHECK}, so that installing Kubeflow
 * Trainer needs no restart of the operator.
 */
@ApplicationScoped
public class KubeflowTrainer {

    static final String TRAIN_JOBS_CRD = "trainjobs.trainer.kubeflow.org";
    static final String RUNTIMES_CRD = "trainingruntimes.trainer.kubeflow.org";
    static final Duration RECHECK = Duration.ofSeconds(30);

    private final KubernetesClient client;
    private volatile boolean found;
    private volatile Instant looked = Instant.MIN;

    public KubeflowTrainer(KubernetesClient client) {
        this.client = client;
    }

    public boolean available() {
        if (!found && Instant.now().isAfter(looked.plus(RECHECK))) {
            var crds = client.resources(CustomResourceDefinition.class);
            found = crds.withName(TRAIN_JOBS_CRD).get() != null && crds.withName(RUNTIMES_CRD).get() != null;
            looked = Instant.now();
        }
        return found;
    }
}
