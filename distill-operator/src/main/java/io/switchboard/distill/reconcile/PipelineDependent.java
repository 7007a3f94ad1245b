package io.switchboard.distill.reconcile;

import java.util.function.Function;
import java.util.function.UnaryOperator;

import jakarta.inject.Inject;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.switchboard.distill.api.DistillationJob;
import io.switchboard.distill.model.Inputs;

/**
 * An object the pipeline builds from the job's inputs, found by its name, which comes from the job's (the workspace
 * claim's from the spec too, {@link WorkspaceDependent}). JOSDK otherwise finds it by building the desired object, and
 * a spec refused after its stages started has none to build: the workflow deletes those objects then, and must find
 * them by name. Subclasses say what the workflow may do with
 * the object (create, update, delete with the job).
 */
abstract class PipelineDependent<R extends HasMetadata> extends KubernetesDependentResource<R, DistillationJob> {

    @Inject
    PipelineInputs inputs;

    private final UnaryOperator<String> name;
    private final Function<Inputs, R> model;

    /**
     * @param name the object's name, from the job's
     * @param model the object the inputs want
     */
    PipelineDependent(Class<R> type, UnaryOperator<String> name, Function<Inputs, R> model) {
        super(type);
        this.name = name;
        this.model = model;
    }

    @Override
    protected R desired(DistillationJob job, Context<DistillationJob> context) {
        return model.apply(inputs.of(job, context));
    }

    @Override
    protected ResourceID targetSecondaryResourceID(DistillationJob job, Context<DistillationJob> context) {
        return named(job, name.apply(job.getMetadata().getName()));
    }

    static ResourceID named(DistillationJob job, String name) {
        return new ResourceID(name, job.getMetadata().getNamespace());
    }
}
