package io.switchboard.distill.worker;

/** One eval's rule: whether an answer passes against the reference answer to the same example. */
@FunctionalInterface
interface Scorer {

    boolean passes(Example example, String answer, String reference) throws InterruptedException;
}
