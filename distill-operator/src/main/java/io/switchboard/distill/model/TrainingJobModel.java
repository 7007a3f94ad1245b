package io.switchboard.distill.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.switchboard.distill.api.Resources;
import io.switchboard.distill.catalog.StudentClass;

/**
 * The training stage: the trainer image with the contract of its README (train.jsonl and eval.jsonl in, the student
 * and metrics.json out in the workspace), on the GPUs, nodes and Kueue queue the spec asks for. This is the Job
 * backend; {@link TrainJobModel} runs the same trainer on Kubeflow Trainer.
 */
public final class TrainingJobModel {

    public static final String KUEUE_QUEUE_LABEL = "kueue.x-k8s.io/queue-name";

    private TrainingJobModel() {
    }

    public static Job job(Inputs inputs) {
        var pod = new PodSpecBuilder().addNewContainer().withName("trainer").withImage(inputs.config().trainerImage())
                .withArgs(args(inputs)).withResources(resources(inputs)).withEnv(env(inputs))
                .addToVolumeMounts(Pods.workspaceMount(false)).endContainer().withVolumes(Pods.workspace(inputs));
        Resources wanted = inputs.spec().resources;
        if (wanted != null) {
            pod.withNodeSelector(wanted.nodeSelector).withTolerations(wanted.tolerations);
        }
        Job job = Pods.job(inputs, Stage.TRAINING, pod.build());
        queue(inputs).ifPresent(queue -> job.getMetadata().getLabels().put(KUEUE_QUEUE_LABEL, queue));
        return job;
    }

    /** The trainer's arguments: its {@code train} command. */
    static List<String> args(Inputs inputs) {
        List<String> args = new ArrayList<>(List.of("train", "--train", Inputs.DATA + "/train.jsonl", "--eval",
                Inputs.DATA + "/eval.jsonl", "--student",
                "name=" + inputs.servedName() + "," + inputs.student().trainerFields(), "--method",
                inputs.lora() ? "lora" : "full", "--seed", Long.toString(inputs.seed()), "--output",
                inputs.artifact()));
        if (inputs.student().studentClass() == StudentClass.SMALL) {
            // torch sees the node's cores, not the pod's limit
            args.addAll(List.of("--threads", inputs.student().hardware().cpu()));
        }
        if (inputs.stopsEarly()) {
            args.addAll(List.of("--stop-below", inputs.spec().acceptance.minRelativeAccuracy));
        }
        return args;
    }

    /** One node's resources: the catalog entry's CPU and memory, the GPUs of the spec or else of the entry. */
    static ResourceRequirements resources(Inputs inputs) {
        var hardware = inputs.student().hardware();
        var resources = new ResourceRequirementsBuilder()
                .addToRequests("cpu", new Quantity(hardware.cpu()))
                .addToRequests("memory", new Quantity(hardware.memory()))
                .addToLimits("memory", new Quantity(hardware.memory()));
        int gpus = gpus(inputs);
        if (gpus > 0) {
            Resources wanted = inputs.spec().resources;
            String gpuType = wanted != null && wanted.gpu != null && wanted.gpu.type != null
                    ? wanted.gpu.type
                    : hardware.gpuType();
            resources.addToLimits(gpuType, new Quantity(Integer.toString(gpus)));
        }
        return resources.build();
    }

    /** The GPUs of one node. */
    static int gpus(Inputs inputs) {
        Resources wanted = inputs.spec().resources;
        return wanted != null && wanted.gpu != null && wanted.gpu.count != null
                ? wanted.gpu.count
                : inputs.student().hardware().gpus();
    }

    static List<EnvVar> env(Inputs inputs) {
        // mounted weights: the trainer must never reach the hub
        return inputs.student().weights().startsWith("/") ? List.of(Pods.env("HF_HUB_OFFLINE", "1")) : List.of();
    }

    static Optional<String> queue(Inputs inputs) {
        Resources wanted = inputs.spec().resources;
        return Optional.ofNullable(wanted == null ? null : wanted.queue);
    }
}
