package io.switchboard.distill.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A teacher model distilled into a student for one task: {@code kubectl get dj}. */
@Group("switchboard.dev")
@Version("v1alpha1")
@ShortNames("dj")
@AdditionalPrinterColumn(name = "Stage", jsonPath = ".status.stage")
@AdditionalPrinterColumn(name = "Student", jsonPath = ".spec.student.base")
@AdditionalPrinterColumn(name = "Accuracy", jsonPath = ".status.result.relativeAccuracy")
@AdditionalPrinterColumn(name = "Cost", jsonPath = ".status.result.costRatio")
@AdditionalPrinterColumn(name = "Speed", jsonPath = ".status.result.speedRatio")
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class DistillationJob extends CustomResource<DistillationJobSpec, DistillationJobStatus> implements Namespaced {
}
