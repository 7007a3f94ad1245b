package io.switchboard.distill;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.switchboard.distill.worker.Worker;

/**
 * The image's entry point. The operator, unless {@code SWITCHBOARD_DISTILL_WORKER} is set, as it is in the dataset and
 * evaluation Jobs: then the worker runs and the process exits with its code, before Quarkus starts, so neither the
 * operator nor its Kubernetes client ever does. (The operator SDK's {@code start-operator} is fixed at build time, so
 * it cannot tell the two runs of one image apart.)
 */
@QuarkusMain
public final class DistillationOperator {

    private DistillationOperator() {
    }

    public static void main(String... args) {
        if (System.getenv(Worker.MODE) != null) {
            System.exit(Worker.run(System.getenv(), System.out, System.err));
        }
        Quarkus.run(args);
    }
}
