package io.switchboard.distill.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.switchboard.distill.api.Resources;
import io.switchboard.distill.model.kubeflow.TrainJob;
import io.switchboard.distill.model.kubeflow.TrainingRuntime;

/**
 * The training stage on Kubeflow Trainer (API {@code trainer.kubeflow.org/v1alpha1}): a TrainJob runs the trainer
 * image under torchrun on {@code spec.training.nodes} nodes, one process per GPU (one on a CPU node), and the trainer
 * trains data-parallel across them. The TrainJob refers to a TrainingRuntime of the job's own, which mounts the
 * workspace and places the pods; the TrainJob carries the command, the node count and each node's resources.
 */
public final class TrainJobModel {

    /** The label Kubeflow Trainer finds the trainer's replicated job by. */
    static final String ANCESTOR_LABEL = "trainer.kubeflow.org/trainjob-ancestor-step";
    /** The trainer's container: the name Kubeflow Trainer's torch runtime gives the command and resources to. */
    static final String CONTAINER = "node";

    private TrainJobModel() {
    }

    public static TrainJob trainJob(Inputs inputs) {
        Map<String, Object> trainer = new LinkedHashMap<>();
        trainer.put("image", inputs.config().trainerImage());
        trainer.put("command", List.of("torchrun", "--module", "switchboard_trainer"));
        trainer.put("args", TrainingJobModel.args(inputs));
        trainer.put("numNodes", inputs.nodes());
        trainer.put("numProcPerNode", Math.max(1, TrainingJobModel.gpus(inputs)));
        trainer.put("resourcesPerNode", plain(TrainingJobModel.resources(inputs)));
        var env = TrainingJobModel.env(inputs);
        if (!env.isEmpty()) {
            trainer.put("env", plain(env));
        }
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("runtimeRef", Map.of("apiGroup", TrainJob.GROUP, "kind", HasMetadata.getKind(TrainingRuntime.class),
                "name", runtimeName(inputs.job())));
        spec.put("trainer", trainer);
        var labels = inputs.labels(Stage.TRAINING);
        TrainingJobModel.queue(inputs).ifPresent(queue -> labels.put(TrainingJobModel.KUEUE_QUEUE_LABEL, queue));
        return typed(new TrainJob(), new ObjectMetaBuilder().withName(Stage.TRAINING.objectName(inputs.job()))
                .withNamespace(inputs.namespace()).withLabels(labels)
                .withAnnotations(inputs.annotations(Stage.TRAINING))
                .build(), spec);
    }

    /**
     * The job's own runtime: one replicated job {@code node} whose pods mount the workspace, on the spec's nodes and
     * tolerations, and never restart (a failed pod fails the TrainJob, as a failed trainer fails the Job backend's).
     */
    public static TrainingRuntime runtime(Inputs inputs) {
        var pod = new PodSpecBuilder().withRestartPolicy("Never").addNewContainer().withName(CONTAINER)
                .withImage(inputs.config().trainerImage()).addToVolumeMounts(Pods.workspaceMount(false))
                .endContainer().withVolumes(Pods.workspace(inputs));
        Resources wanted = inputs.spec().resources;
        if (wanted != null) {
            pod.withNodeSelector(wanted.nodeSelector).withTolerations(wanted.tolerations);
        }
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("name", CONTAINER);
        node.put("template", Map.of("metadata", Map.of("labels", Map.of(ANCESTOR_LABEL, "trainer")), "spec",
                Map.of("backoffLimit", 0, "template", Map.of("spec", plain(pod.build())))));
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("mlPolicy", Map.of("numNodes", 1, "torch", Map.of("numProcPerNode", 1)));
        spec.put("template", Map.of("spec", Map.of("replicatedJobs", List.of(node))));
        return typed(new TrainingRuntime(), new ObjectMetaBuilder().withName(runtimeName(inputs.job()))
                .withNamespace(inputs.namespace()).withLabels(inputs.labels(Stage.TRAINING))
                .withAnnotations(inputs.annotations()).build(), spec);
    }

    private static <T extends GenericKubernetesResource> T typed(T resource, ObjectMeta metadata,
            Map<String, Object> spec) {
        resource.setApiVersion(HasMetadata.getApiVersion(resource.getClass()));
        resource.setKind(HasMetadata.getKind(resource.getClass()));
        resource.setMetadata(metadata);
        resource.setAdditionalProperty("spec", spec);
        return resource;
    }

    /** The job's TrainingRuntime: its name tells it from the TrainJob in {@code kubectl get} and in events. */
    public static String runtimeName(String job) {
        return Stage.TRAINING.objectName(job) + "-runtime";
    }

    /** A model object as the plain maps and lists a generic resource holds. */
    private static Object plain(Object value) {
        return Serialization.jsonMapper().convertValue(value, Object.class);
    }
}
