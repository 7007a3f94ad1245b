package io.switchboard.distill.model.kubeflow;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Kubeflow Trainer's TrainJob, its spec and status kept as plain maps. A type of its own, not a generic resource
 * looked up by discovery: the operator must name it without asking a cluster that may not have its CRD.
 */
@Group(TrainJob.GROUP)
@Version(TrainJob.VERSION)
@Kind("TrainJob")
@Plural("trainjobs")
public class TrainJob extends GenericKubernetesResource implements Namespaced {

    public static final String GROUP = "trainer.kubeflow.org";
    public static final String VERSION = "v1alpha1";
    public static final String API_VERSION = GROUP + "/" + VERSION;
}
