package io.switchboard.distill.reconcile;

import java.util.function.Function;

import jakarta.inject.Inject;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.switchboard.distill.api.DistillationJob;
import io.switchboard.distill.model.Inputs;
import io.switchboard.distill.model.Stage;

/**
 * A stage's Job. Created, never updated (a Job's pod template is immutable); deleted when the pipeline stops
 * running, and with its owner.
 */
abstract class StageJobDependent extends KubernetesDependentResource<Job, DistillationJob>
        implements
            Creator<Job, DistillationJob>,
            GarbageCollected<DistillationJob> {

    @Inject
    PipelineInputs inputs;

    private final Stage stage;
    private final Function<Inputs, Job> model;

    StageJobDependent(Stage stage, Function<Inputs, Job> model) {
        super(Job.class);
        this.stage = stage;
        this.model = model;
    }

    @Override
    protected Job desired(DistillationJob job, Context<DistillationJob> context) {
        return model.apply(inputs.of(job));
    }

    @Override
    protected ResourceID targetSecondaryResourceID(DistillationJob job, Context<DistillationJob> context) {
        return ObjectIds.of(job, stage);
    }
}
