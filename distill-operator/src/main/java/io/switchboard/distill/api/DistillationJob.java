package io.switchboard.distill.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A teacher model distilled into a student for one task: {@code kubectl get dj}, whose columns come in the order
 * written here.
 */
@Group("switchboard.dev")
@Version("v1alpha1")
@ShortNames("dj")
@AdditionalPrinterColumn(name = "Stage", jsonPath = ".status.stage")
@AdditionalPrinterColumn(name = "Student", jsonPath = ".status.candidate", getDescription = "The student's catalog entry: the one tried, then the one chosen")
@AdditionalPrinterColumn(name = "Accuracy", jsonPath = ".status.result.relativeAccuracy", getDescription = "The student's accuracy divided by the teacher's")
@AdditionalPrinterColumn(name = "Cost Ratio", jsonPath = ".status.result.costRatio", getDescription = "The student's cost per million tokens divided by the teacher's")
@AdditionalPrinterColumn(name = "Speed Ratio", jsonPath = ".status.result.speedRatio", getDescription = "The teacher's p95 latency divided by the student's")
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class DistillationJob extends CustomResource<DistillationJobSpec, DistillationJobStatus> implements Namespaced {
}
