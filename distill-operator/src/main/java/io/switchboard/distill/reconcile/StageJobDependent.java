package io.switchboard.distill.reconcile;

import java.util.function.Function;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.switchboard.distill.api.DistillationJob;
import io.switchboard.distill.model.Inputs;
import io.switchboard.distill.model.Stage;

/**
 * A stage's Job. Created, never updated (a Job's pod template is immutable); deleted when the pipeline stops
 * running, and with its owner.
 */
abstract class StageJobDependent extends PipelineDependent<Job>
        implements
            Creator<Job, DistillationJob>,
            GarbageCollected<DistillationJob> {

    StageJobDependent(Stage stage, Function<Inputs, Job> model) {
        super(Job.class, stage::objectName, model);
    }
}
