package io.switchboard.distill.reconcile;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.quarkus.arc.Arc;
import io.switchboard.distill.api.DistillationJob;

/** Nothing is built for a spec the operator refuses; the reconciler says why in the Accepted condition. */
public class Accepted implements Condition<Object, DistillationJob> {

    @Override
    public boolean isMet(DependentResource<Object, DistillationJob> dependent, DistillationJob job,
            Context<DistillationJob> context) {
        // JOSDK instantiates conditions itself, outside CDI
        return Arc.container().instance(PipelineInputs.class).get().refusal(job).isEmpty();
    }
}
