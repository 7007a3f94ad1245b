package io.switchboard.distill.worker;

/**
 * The environment variables the dataset and evaluation Jobs set for the worker (see docs/distill-worker.md): the one
 * list both sides use, the Jobs' models that write them and the worker that reads them.
 */
public final class WorkerSettings {

    public static final String MODE = "SWITCHBOARD_DISTILL_WORKER";
    public static final String ROUTER_URL = "SWITCHBOARD_DISTILL_ROUTER_URL";
    public static final String ROUTER_KEY = "SWITCHBOARD_DISTILL_ROUTER_KEY";
    public static final String TEACHER = "SWITCHBOARD_DISTILL_TEACHER";
    public static final String WORKLOAD = "SWITCHBOARD_DISTILL_WORKLOAD";
    public static final String CONCURRENCY = "SWITCHBOARD_DISTILL_CONCURRENCY";
    public static final String TERMINATION_LOG = "SWITCHBOARD_DISTILL_TERMINATION_LOG";
    public static final String DATASET_INPUT = "SWITCHBOARD_DISTILL_DATASET_INPUT";
    public static final String DATASET_OUTPUT = "SWITCHBOARD_DISTILL_DATASET_OUTPUT";
    public static final String DATASET_EVAL_FRACTION = "SWITCHBOARD_DISTILL_DATASET_EVAL_FRACTION";
    public static final String DATASET_SEED = "SWITCHBOARD_DISTILL_DATASET_SEED";
    /** Set: the examples are the captured traffic of this workload, not a file; Kafka from {@code KAFKA_*}. */
    public static final String DATASET_TRAFFIC_WORKLOAD = "SWITCHBOARD_DISTILL_DATASET_TRAFFIC_WORKLOAD";
    public static final String DATASET_TRAFFIC_WINDOW = "SWITCHBOARD_DISTILL_DATASET_TRAFFIC_WINDOW";
    public static final String DATASET_TRAFFIC_MAX_EXAMPLES = "SWITCHBOARD_DISTILL_DATASET_TRAFFIC_MAX_EXAMPLES";
    public static final String EVALUATION_EXAMPLES = "SWITCHBOARD_DISTILL_EVALUATION_EXAMPLES";
    public static final String EVALUATION_DATASET = "SWITCHBOARD_DISTILL_EVALUATION_DATASET";
    public static final String EVALUATION_STUDENT_URL = "SWITCHBOARD_DISTILL_EVALUATION_STUDENT_URL";
    public static final String EVALUATION_STUDENT_MODEL = "SWITCHBOARD_DISTILL_EVALUATION_STUDENT_MODEL";
    public static final String EVALUATION_EVALS = "SWITCHBOARD_DISTILL_EVALUATION_EVALS";
    public static final String EVALUATION_SERVING_COST_PER_HOUR = "SWITCHBOARD_DISTILL_EVALUATION_SERVING_COST_PER_HOUR";
    public static final String EVALUATION_METRICS = "SWITCHBOARD_DISTILL_EVALUATION_METRICS";
    public static final String EVALUATION_REPORT = "SWITCHBOARD_DISTILL_EVALUATION_REPORT";

    private WorkerSettings() {
    }
}
