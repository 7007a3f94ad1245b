package io.switchboard.distill.model;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;

/**
 * The serving stage: the trained student behind an OpenAI-compatible API on port 8000, named as the job. vLLM with
 * the adapter on the base for LoRA students; the trainer image's own server for fully trained ones.
 */
public final class ServingModel {

    private ServingModel() {
    }

    public static Deployment deployment(Inputs inputs) {
        var hardware = inputs.student().hardware();
        var container = new PodSpecBuilder().addNewContainer().withName("student").addNewPort()
                .withContainerPort(Inputs.PORT).withName("http").endPort().withNewReadinessProbe().withNewHttpGet()
                .withPath("/health").withPort(new IntOrString("http")).endHttpGet().endReadinessProbe()
                .withNewResources().addToRequests("cpu", new Quantity(hardware.cpu()))
                .addToRequests("memory", new Quantity(hardware.memory()))
                .addToLimits("memory", new Quantity(hardware.memory())).endResources()
                .addToVolumeMounts(Pods.workspaceMount(true));
        if (inputs.lora()) {
            String base = inputs.student().weights();
            container.withImage(inputs.config().vllmImage()).withArgs("--model", base, "--port",
                    Integer.toString(Inputs.PORT), "--enable-lora", "--max-lora-rank", "16", "--lora-modules",
                    "{\"name\": \"" + inputs.servedName() + "\", \"path\": \"" + inputs.artifact()
                            + "/adapter\", \"base_model_name\": \"" + base + "\"}")
                    .editResources().addToLimits(hardware.gpuType(), new Quantity(Integer.toString(hardware.gpus())))
                    .endResources();
        } else {
            container.withImage(inputs.config().trainerImage()).withArgs("serve", "--model", inputs.artifact(),
                    "--port", Integer.toString(Inputs.PORT), "--threads", hardware.cpu());
        }
        var pod = container.endContainer().withVolumes(Pods.workspace(inputs));
        var resources = inputs.spec().resources;
        if (resources != null && inputs.lora()) {
            pod.withNodeSelector(resources.nodeSelector).withTolerations(resources.tolerations);
        }
        Map<String, String> labels = inputs.labels(Stage.SERVING);
        return new DeploymentBuilder().withNewMetadata().withName(Stage.SERVING.objectName(inputs.job()))
                .withNamespace(inputs.namespace()).withLabels(labels).withAnnotations(inputs.annotations(Stage.SERVING))
                .endMetadata().withNewSpec().withReplicas(1)
                .withNewSelector().withMatchLabels(labels).endSelector().withNewTemplate().withNewMetadata()
                .withLabels(labels).endMetadata().withSpec(pod.build()).endTemplate().endSpec().build();
    }

    public static Service service(Inputs inputs) {
        Map<String, String> labels = inputs.labels(Stage.SERVING);
        return new ServiceBuilder().withNewMetadata().withName(Stage.SERVING.objectName(inputs.job()))
                .withNamespace(inputs.namespace()).withLabels(labels).endMetadata().withNewSpec()
                .withSelector(labels).withPorts(List.of(new ServicePortBuilder()
                        .withName("http").withPort(Inputs.PORT).withTargetPort(new IntOrString("http")).build()))
                .endSpec().build();
    }

    /** Where the evaluation and the router reach the student. */
    public static String url(Inputs inputs) {
        return "http://" + Stage.SERVING.objectName(inputs.job()) + "." + inputs.namespace() + ".svc:" + Inputs.PORT;
    }
}
