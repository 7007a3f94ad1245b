package io.switchboard.distill.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import io.switchboard.distill.api.CandidateStatus;
import io.switchboard.distill.api.CandidateStatus.State;
import io.switchboard.distill.api.DistillationJobStatus;

/** Which candidates train ahead of their turn: the next ones that can, while fewer than the parallelism train. */
class TrainingAheadPlacesTest {

    @Test
    void theNextCandidatesOnAJobStartWhileFewerTrainAndGoBackWhenThePipelineStops() {
        // given: a settled candidate, the current one, one trained on Kubeflow Trainer, and three more
        var status = new DistillationJobStatus();
        status.candidates = new ArrayList<>(List.of(new CandidateStatus("a", State.NotMet, "missed"),
                new CandidateStatus("b", State.Running, null), new CandidateStatus("c", State.Pending, null),
                new CandidateStatus("d", State.Pending, null), new CandidateStatus("e", State.Pending, null),
                new CandidateStatus("f", State.Pending, null)));
        status.candidate = "b";
        Predicate<String> onJobs = candidate -> !candidate.equals("c");
        Set<String> trained = new HashSet<>();

        // when: three at once, b training, c on a TrainJob
        Candidates.trainAhead(status, 3, onJobs, trained::contains);

        // then: d and e train ahead; c waits for its turn
        assertThat(status.candidates).extracting(candidate -> candidate.name, candidate -> candidate.state)
                .containsExactly(tuple("a", State.NotMet), tuple("b", State.Running), tuple("c", State.Pending),
                        tuple("d", State.Running), tuple("e", State.Running), tuple("f", State.Pending));
        assertThat(Candidates.ahead(status)).extracting(candidate -> candidate.name).containsExactly("d", "e");

        // when: d is trained: it keeps its place in the status, and f starts
        trained.add("d");
        Candidates.trainAhead(status, 3, onJobs, trained::contains);
        assertThat(Candidates.ahead(status)).extracting(candidate -> candidate.name).containsExactly("d", "e", "f");

        // when: the pipeline stops (suspended, say)
        status.candidates.get(3).message = "Job x-train-d trained it ahead of its turn; it waits for its evaluation.";
        Candidates.trainAhead(status, 0, onJobs, trained::contains);

        // then: only the current one runs, and the others say nothing of a training they no longer have
        assertThat(status.candidates).extracting(candidate -> candidate.state).containsExactly(State.NotMet,
                State.Running, State.Pending, State.Pending, State.Pending, State.Pending);
        assertThat(status.candidates.get(3).message).isNull();

        // when: b met the trade-offs, and the rest are skipped, a place changes nothing
        Candidates.settle(status, State.Met, "met");
        Candidates.skipTheRest(status);
        Candidates.trainAhead(status, 3, onJobs, Set.of()::contains);
        assertThat(status.candidates).extracting(candidate -> candidate.state).containsExactly(State.NotMet,
                State.Met, State.Skipped, State.Skipped, State.Skipped, State.Skipped);
    }
}
