package io.switchboard.distill.reconcile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.switchboard.distill.api.CandidateStatus;
import io.switchboard.distill.api.CandidateStatus.State;
import io.switchboard.distill.api.DistillationJob;
import io.switchboard.distill.api.DistillationJobStatus;
import io.switchboard.distill.catalog.StudentEntry;
import io.switchboard.distill.model.Inputs;

/**
 * The students a job tries, as its status keeps them: {@code status.candidate} is the one whose training, server and
 * evaluation are wanted; with spec.candidates, {@code status.candidates} holds each one's state in the order tried.
 * Up to spec.training.parallelism of them are {@code Running}: the current one, and the next ones training ahead of
 * their turn.
 */
public final class Candidates {

    private Candidates() {
    }

    /**
     * Keeps the status in step with the spec's candidates: the first is tried unless the current one is still
     * among them; the list is started again when the candidates changed.
     */
    static void start(DistillationJobStatus status, List<StudentEntry> order, boolean listed) {
        List<String> names = order.stream().map(StudentEntry::name).toList();
        if (!names.contains(status.candidate)) {
            status.candidate = names.get(0);
        }
        if (!listed) {
            status.candidates = null;
            return;
        }
        boolean same = status.candidates != null
                && status.candidates.stream().map(candidate -> candidate.name).toList().equals(names);
        if (!same) {
            status.candidates = new ArrayList<>();
            names.forEach(name -> status.candidates.add(new CandidateStatus(name, State.Pending, null)));
            status.candidate = names.get(0);
        }
        find(status, status.candidate).filter(candidate -> candidate.state == State.Pending)
                .ifPresent(candidate -> candidate.state = State.Running);
    }

    /**
     * Starts the next candidates not settled yet that can train ahead of their turn ({@code trainsAhead}), in order,
     * while fewer than {@code trainings} train: the current one until it is trained, and those training ahead until
     * they are ({@code trained}). One training ahead keeps its place until its turn; with no trainings allowed, every
     * one goes back to {@code Pending}.
     *
     * @param trainings none while the pipeline does not run or its dataset is not ready
     */
    static void trainAhead(DistillationJobStatus status, int trainings, Predicate<String> trainsAhead,
            Predicate<String> trained) {
        if (status.candidates == null) {
            return;
        }
        List<CandidateStatus> waiting = status.candidates.stream().filter(Candidates::unsettled)
                .filter(candidate -> !candidate.name.equals(status.candidate)).toList();
        if (trainings == 0) {
            waiting.stream().filter(candidate -> candidate.state == State.Running).forEach(candidate -> {
                candidate.state = State.Pending;
                candidate.message = null;
            });
            return;
        }
        long training = (trained.test(status.candidate) ? 0 : 1) + waiting.stream()
                .filter(candidate -> candidate.state == State.Running && !trained.test(candidate.name)).count();
        waiting.stream().filter(candidate -> candidate.state == State.Pending)
                .filter(candidate -> trainsAhead.test(candidate.name)).limit(Math.max(0, trainings - training))
                .forEach(candidate -> candidate.state = State.Running);
    }

    private static boolean unsettled(CandidateStatus candidate) {
        return candidate.state == State.Pending || candidate.state == State.Running;
    }

    /** The candidates training ahead of their turn: running, other than the current one. */
    public static List<CandidateStatus> ahead(DistillationJobStatus status) {
        return status.candidates == null
                ? List.of()
                : status.candidates.stream().filter(candidate -> candidate.state == State.Running)
                        .filter(candidate -> !candidate.name.equals(status.candidate)).toList();
    }

    /** Whether the object is the current candidate's, or no candidate's own (the dataset, the workspace). */
    static boolean ofCurrent(HasMetadata object, DistillationJob job) {
        String made = object.getMetadata().getAnnotations() == null
                ? null
                : object.getMetadata().getAnnotations().get(Inputs.CANDIDATE_ANNOTATION);
        String current = job.getStatus() == null ? null : job.getStatus().candidate;
        return made == null || made.equals(current);
    }

    static Optional<CandidateStatus> find(DistillationJobStatus status, String name) {
        return status.candidates == null
                ? Optional.empty()
                : status.candidates.stream().filter(candidate -> candidate.name.equals(name)).findFirst();
    }

    /** Records how the current candidate ended. */
    static void settle(DistillationJobStatus status, State state, String message) {
        settle(status, status.candidate, state, message);
    }

    /** Records how a candidate ended. */
    static void settle(DistillationJobStatus status, String name, State state, String message) {
        find(status, name).ifPresent(candidate -> {
            candidate.state = state;
            candidate.message = message;
        });
    }

    /**
     * Moves on to the next candidate not settled yet, which may have trained ahead of its turn; false when none is
     * left.
     */
    static boolean next(DistillationJobStatus status) {
        var next = status.candidates.stream().filter(Candidates::unsettled).findFirst();
        next.ifPresent(candidate -> {
            candidate.state = State.Running;
            candidate.message = null;
            status.candidate = candidate.name;
        });
        return next.isPresent();
    }

    /** After one met the trade-offs: the dearer ones are not tried, or no further. */
    static void skipTheRest(DistillationJobStatus status) {
        status.candidates.stream().filter(Candidates::unsettled).forEach(candidate -> {
            candidate.state = State.Skipped;
            candidate.message = "Not evaluated: " + status.candidate + ", a cheaper candidate, meets the trade-offs.";
        });
    }

    /** The evaluated candidate with the highest relative accuracy (the first tried on a tie). */
    static Optional<CandidateStatus> closest(DistillationJobStatus status) {
        return status.candidates.stream().filter(candidate -> candidate.result != null)
                .max(Comparator.comparingDouble(candidate -> Double.parseDouble(candidate.result.relativeAccuracy)));
    }
}
