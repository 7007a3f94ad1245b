package io.switchboard.distill.model;

import java.util.HashMap;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.switchboard.distill.api.Dataset;
import io.switchboard.distill.api.FromTraffic;
import io.switchboard.distill.worker.WorkerSettings;

/**
 * The dataset stage: the operator's image in worker mode reads the examples (a file, or the traffic the router
 * captured), dedupes, splits them by the seed and asks the teacher, through the router, for missing answers; it writes train.jsonl, eval.jsonl and its counts
 * (dataset.json) to the workspace.
 */
public final class DatasetJobModel {

    private static final String KAFKA_TLS = "kafka-tls";
    private static final String KAFKA_TLS_PATH = "/etc/switchboard/kafka-tls";

    private static final String INPUT = "/input";

    private DatasetJobModel() {
    }

    public static Job job(Inputs inputs) {
        Dataset dataset = inputs.spec().dataset;
        if (dataset.fromTraffic != null) {
            return fromTraffic(inputs, dataset.fromTraffic);
        }
        String file;
        Volume input;
        if (dataset.uri != null) {
            // pvc://<claim>/<path>, as the schema's pattern guarantees
            String[] claimAndPath = dataset.uri.substring("pvc://".length()).split("/", 2);
            file = INPUT + "/" + claimAndPath[1];
            input = new VolumeBuilder().withName("input").withNewPersistentVolumeClaim()
                    .withClaimName(claimAndPath[0]).withReadOnly(true).endPersistentVolumeClaim().build();
        } else if (dataset.configMap != null) {
            file = INPUT + "/" + dataset.configMap.key;
            input = new VolumeBuilder().withName("input").withNewConfigMap().withName(dataset.configMap.name)
                    .addNewItem().withKey(dataset.configMap.key).withPath(dataset.configMap.key).endItem()
                    .endConfigMap().build();
        } else {
            throw new IllegalArgumentException("spec.dataset: none of uri, configMap, fromTraffic is set");
        }
        var settings = Map.of(WorkerSettings.DATASET_INPUT, file, WorkerSettings.DATASET_OUTPUT,
                Inputs.DATA, WorkerSettings.DATASET_EVAL_FRACTION, inputs.evalFraction(),
                WorkerSettings.DATASET_SEED, Long.toString(inputs.seed()));
        var pod = new PodSpecBuilder().addNewContainer().withName("dataset").withImage(inputs.config().workerImage())
                .withEnv(Pods.workerEnv(inputs, "dataset", settings))
                .addToVolumeMounts(Pods.workspaceMount(false)).addNewVolumeMount().withName("input")
                .withMountPath(INPUT).withReadOnly(true).endVolumeMount().endContainer()
                .withVolumes(Pods.workspace(inputs), input).build();
        return Pods.job(inputs, Stage.DATASET, pod);
    }

    /**
     * The worker reads the traces topic: Kafka's bootstrap servers from the operator's settings, its other client
     * settings (authentication) from the Secret the operator's settings name, if any, and the trust store of a TLS
     * listener from the Secret they name for it, mounted.
     */
    private static Job fromTraffic(Inputs inputs, FromTraffic traffic) {
        var settings = new HashMap<String, String>();
        settings.put(WorkerSettings.DATASET_OUTPUT, Inputs.DATA);
        settings.put(WorkerSettings.DATASET_EVAL_FRACTION, inputs.evalFraction());
        settings.put(WorkerSettings.DATASET_SEED, Long.toString(inputs.seed()));
        settings.put(WorkerSettings.DATASET_TRAFFIC_WORKLOAD, traffic.workload != null
                ? traffic.workload
                : inputs.spec().task);
        if (traffic.window != null) {
            settings.put(WorkerSettings.DATASET_TRAFFIC_WINDOW, traffic.window);
        }
        if (traffic.maxExamples != null) {
            settings.put(WorkerSettings.DATASET_TRAFFIC_MAX_EXAMPLES, traffic.maxExamples.toString());
        }
        settings.put("KAFKA_BOOTSTRAP_SERVERS", inputs.config().tracesBootstrapServers().orElseThrow());
        var container = new ContainerBuilder().withName("dataset").withImage(inputs.config().workerImage())
                .withEnv(Pods.workerEnv(inputs, "dataset", settings)).addToVolumeMounts(Pods.workspaceMount(false));
        inputs.config().tracesKafkaSecret().ifPresent(secret -> container.addNewEnvFrom().withNewSecretRef()
                .withName(secret).endSecretRef().endEnvFrom());
        var pod = new PodSpecBuilder().withVolumes(Pods.workspace(inputs));
        inputs.config().tracesKafkaTruststoreSecret().ifPresent(secret -> {
            var config = inputs.config();
            container.addNewVolumeMount().withName(KAFKA_TLS).withMountPath(KAFKA_TLS_PATH).withReadOnly(true)
                    .endVolumeMount()
                    .addToEnv(Pods.env("KAFKA_SSL_TRUSTSTORE_LOCATION",
                            KAFKA_TLS_PATH + "/" + config.tracesKafkaTruststoreKey()))
                    .addToEnv(Pods.env("KAFKA_SSL_TRUSTSTORE_TYPE", "PKCS12"))
                    .addNewEnv().withName("KAFKA_SSL_TRUSTSTORE_PASSWORD").withNewValueFrom()
                    .withNewSecretKeyRef(config.tracesKafkaTruststorePasswordKey(), secret, false).endValueFrom()
                    .endEnv();
            pod.addNewVolume().withName(KAFKA_TLS).withNewSecret().withSecretName(secret).endSecret().endVolume();
        });
        return Pods.job(inputs, Stage.DATASET, pod.addToContainers(container.build()).build());
    }
}
