package io.switchboard.distill.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.switchboard.distill.worker.WorkerSettings;

/** What the stages' pods share: the workspace volume, the router's address and key, the Job around a pod. */
final class Pods {

    /** Bad arguments or data (the trainer's and the worker's exit code 2): a retry would fail the same way. */
    static final int BAD_INPUT_EXIT_CODE = 2;

    private Pods() {
    }

    static Volume workspace(Inputs inputs) {
        return new VolumeBuilder().withName("workspace").withNewPersistentVolumeClaim()
                .withClaimName(inputs.workspaceClaim()).endPersistentVolumeClaim().build();
    }

    static VolumeMount workspaceMount(boolean readOnly) {
        return new VolumeMountBuilder().withName("workspace").withMountPath(Inputs.WORKSPACE).withReadOnly(readOnly)
                .build();
    }

    static EnvVar env(String name, String value) {
        return new EnvVarBuilder().withName(name).withValue(value).build();
    }

    /** The worker's settings ({@code switchboard.distill.*}) and the router it asks the teacher through. */
    static List<EnvVar> workerEnv(Inputs inputs, String mode, Map<String, String> settings) {
        List<EnvVar> env = new ArrayList<>();
        env.add(env(WorkerSettings.MODE, mode));
        env.add(env(WorkerSettings.ROUTER_URL, inputs.config().routerUrl()));
        env.add(new EnvVarBuilder().withName(WorkerSettings.ROUTER_KEY).withNewValueFrom()
                .withNewSecretKeyRef("key", inputs.config().routerKeySecret(), false).endValueFrom().build());
        env.add(env(WorkerSettings.TEACHER, inputs.spec().teacher));
        env.add(env(WorkerSettings.WORKLOAD, inputs.workload()));
        new TreeMap<>(settings).forEach((name, value) -> env.add(env(name, value)));
        return env;
    }

    /** A Job of one pod that runs once; exit code 2 fails it at once, other failures are retried twice. */
    static Job job(Inputs inputs, Stage stage, PodSpec pod) {
        pod.setRestartPolicy("Never");
        return new JobBuilder().withNewMetadata().withName(inputs.objectName(stage))
                .withNamespace(inputs.namespace()).withLabels(inputs.labels(stage))
                .withAnnotations(inputs.annotations(stage)).endMetadata()
                .withNewSpec().withBackoffLimit(2).withNewPodFailurePolicy().addNewRule().withAction("FailJob")
                .withNewOnExitCodes().withOperator("In").withValues(BAD_INPUT_EXIT_CODE).endOnExitCodes().endRule()
                .endPodFailurePolicy().withNewTemplate().withNewMetadata().withLabels(inputs.labels(stage))
                .endMetadata().withSpec(pod).endTemplate().endSpec().build();
    }
}
