package io.switchboard.distill.reconcile;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.switchboard.distill.api.DistillationJob;
import io.switchboard.distill.model.Stage;

/**
 * Where the dependents find their objects, named from the job alone. JOSDK otherwise names them by building the
 * desired object, and a spec refused after its stages started has none to build: the workflow deletes those objects
 * then, and must find them by name.
 */
final class ObjectIds {

    private ObjectIds() {
    }

    static ResourceID of(DistillationJob job, Stage stage) {
        return of(job, stage.objectName(job.getMetadata().getName()));
    }

    static ResourceID of(DistillationJob job, String name) {
        return new ResourceID(name, job.getMetadata().getNamespace());
    }
}
