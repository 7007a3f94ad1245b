package io.switchboard.distill.worker;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Judge eval: a model, asked through the router, says whether an answer means the same as the reference. Equal
 * texts pass without asking; a judge that gives no verdict fails the answer, and is counted.
 */
final class Judge implements Scorer {

    private static final String INSTRUCTION = "You compare a candidate answer with a reference answer to the same "
            + "request. Reply with one word: yes if the candidate means the same as the reference, else no.";

    private final ChatClient router;
    private final String model;
    private final AtomicInteger failures = new AtomicInteger();

    Judge(ChatClient router, String model) {
        this.router = router;
        this.model = model;
    }

    @Override
    public boolean passes(Example example, String answer, String reference) throws InterruptedException {
        if (answer.strip().equals(reference.strip())) {
            return true;
        }
        String question = "Request:\n" + example.request() + "\n\nReference answer:\n" + reference
                + "\n\nCandidate answer:\n" + answer + "\n\nDoes the candidate answer mean the same? yes or no";
        Reply verdict = router.ask(model,
                List.of(new Example.Message("system", INSTRUCTION), new Example.Message("user", question)), null);
        if (!verdict.ok()) {
            failures.incrementAndGet();
            return false;
        }
        return verdict.answer().strip().toLowerCase(Locale.ROOT).startsWith("yes");
    }

    /** Answers failed because the judge gave no verdict. */
    int failures() {
        return failures.get();
    }
}
