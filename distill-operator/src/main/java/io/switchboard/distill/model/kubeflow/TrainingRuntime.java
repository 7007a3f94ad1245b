package io.switchboard.distill.model.kubeflow;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/** Kubeflow Trainer's namespaced TrainingRuntime, its spec kept as plain maps (see {@link TrainJob}). */
@Group(TrainJob.GROUP)
@Version(TrainJob.VERSION)
@Kind("TrainingRuntime")
@Plural("trainingruntimes")
public class TrainingRuntime extends GenericKubernetesResource implements Namespaced {
}
