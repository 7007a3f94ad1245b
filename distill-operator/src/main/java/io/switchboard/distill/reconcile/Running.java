package io.switchboard.distill.reconcile;

import java.time.Instant;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.switchboard.distill.api.DistillationJob;

/**
 * The pipeline runs unless suspended or past its activeDeadlineSeconds; otherwise the stages' Jobs and the student's
 * server are deleted (the workspace stays), and resuming starts again from the dataset stage.
 */
public class Running implements Condition<Object, DistillationJob> {

    @Override
    public boolean isMet(DependentResource<Object, DistillationJob> dependent, DistillationJob job,
            Context<DistillationJob> context) {
        return running(job);
    }

    static boolean running(DistillationJob job) {
        return !Boolean.TRUE.equals(job.getSpec().suspend) && !deadlineExceeded(job, Instant.now());
    }

    /**
     * Past the deadline and neither succeeded nor in its canary (watching production is not the pipeline running): a
     * job that failed on its deadline stays failed.
     */
    static boolean deadlineExceeded(DistillationJob job, Instant now) {
        Long seconds = job.getSpec().activeDeadlineSeconds;
        var status = job.getStatus();
        return seconds != null && status != null && status.startTime != null && !"Succeeded".equals(status.stage)
                && !"Canary".equals(status.stage)
                && Instant.parse(status.startTime).plusSeconds(seconds).isBefore(now);
    }
}
