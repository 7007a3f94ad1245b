package io.switchboard.distill.reconcile;

import java.util.function.Function;

import jakarta.inject.Inject;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.switchboard.distill.api.DistillationJob;
import io.switchboard.distill.model.Inputs;

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

    private final Function<Inputs, Job> model;

    StageJobDependent(Function<Inputs, Job> model) {
        super(Job.class);
        this.model = model;
    }

    @Override
    protected Job desired(DistillationJob job, Context<DistillationJob> context) {
        return model.apply(inputs.of(job));
    }
}
