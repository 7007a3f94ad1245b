package io.switchboard.distill.model;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.switchboard.distill.api.Resources;
import io.switchboard.distill.catalog.StudentClass;

/**
 * The training stage: the trainer image with the contract of its README (train.jsonl and eval.jsonl in, the student
 * and metrics.json out in the workspace), on the GPUs, nodes and Kueue queue the spec asks for.
 */
public final class TrainingJobModel {

    public static final String KUEUE_QUEUE_LABEL = "kueue.x-k8s.io/queue-name";

    private TrainingJobModel() {
    }

    public static Job job(Inputs inputs) {
        var hardware = inputs.student().hardware();
        List<String> args = new ArrayList<>(List.of("train", "--train", Inputs.DATA + "/train.jsonl", "--eval",
                Inputs.DATA + "/eval.jsonl", "--student",
                "name=" + inputs.servedName() + "," + inputs.student().trainerFields(), "--method",
                inputs.lora() ? "lora" : "full", "--seed", Long.toString(inputs.seed()), "--output", Inputs.ARTIFACT));
        if (inputs.student().studentClass() == StudentClass.SMALL) {
            // torch sees the node's cores, not the pod's limit
            args.addAll(List.of("--threads", hardware.cpu()));
        }
        if (inputs.stopsEarly()) {
            args.addAll(List.of("--stop-below", inputs.spec().acceptance.minRelativeAccuracy));
        }
        var resources = new ResourceRequirementsBuilder()
                .addToRequests("cpu", new Quantity(hardware.cpu()))
                .addToRequests("memory", new Quantity(hardware.memory()))
                .addToLimits("memory", new Quantity(hardware.memory()));
        Resources wanted = inputs.spec().resources;
        int gpus = wanted != null && wanted.gpu != null && wanted.gpu.count != null
                ? wanted.gpu.count
                : hardware.gpus();
        String gpuType = wanted != null && wanted.gpu != null && wanted.gpu.type != null
                ? wanted.gpu.type
                : hardware.gpuType();
        if (gpus > 0) {
            resources.addToLimits(gpuType, new Quantity(Integer.toString(gpus)));
        }
        var pod = new PodSpecBuilder().addNewContainer().withName("trainer").withImage(inputs.config().trainerImage())
                .withArgs(args).withResources(resources.build()).addToVolumeMounts(Pods.workspaceMount(false))
                .endContainer().withVolumes(Pods.workspace(inputs));
        if (inputs.student().weights().startsWith("/")) {
            // mounted weights: the Job must never reach the hub
            pod.editFirstContainer().addToEnv(Pods.env("HF_HUB_OFFLINE", "1")).endContainer();
        }
        if (wanted != null) {
            pod.withNodeSelector(wanted.nodeSelector).withTolerations(wanted.tolerations);
        }
        Job job = Pods.job(inputs, Stage.TRAINING, pod.build());
        if (wanted != null && wanted.queue != null) {
            job.getMetadata().getLabels().put(KUEUE_QUEUE_LABEL, wanted.queue);
        }
        return job;
    }
}
