package io.switchboard.distill.model;

/** The pipeline's stages and the workspace they share, each one or two objects named {@code <job>-<suffix>}. */
public enum Stage {

    WORKSPACE("workspace"), DATASET("dataset"), TRAINING("train"), SERVING("student"), EVALUATION("eval");

    private final String suffix;

    Stage(String suffix) {
        this.suffix = suffix;
    }

    /** Whether each candidate student has its own: the student's training, server and evaluation. */
    public boolean perCandidate() {
        return this == TRAINING || this == SERVING || this == EVALUATION;
    }

    public String objectName(String job) {
        return job + "-" + suffix;
    }

    /** The value of {@link Inputs#STAGE_LABEL}. */
    public String label() {
        return suffix;
    }
}
