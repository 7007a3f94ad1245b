package io.switchboard.distill.api;

/** Regular expressions shared by several fields of the schema. */
final class Patterns {

    /** A router model name, e.g. {@code gpt-4o} or {@code anthropic/claude-sonnet-4}. */
    static final String MODEL = "^[A-Za-z0-9][A-Za-z0-9._:/@-]{0,127}$";

    /** A workload tag as the router reads it from x-switchboard-workload. */
    static final String WORKLOAD = "^[a-z0-9][a-z0-9._/-]{0,62}$";

    /** A Kubernetes object name (DNS label). */
    static final String DNS_LABEL = "^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$";

    /** A student catalog entry's name, e.g. {@code qwen2.5-0.5b}. */
    static final String CATALOG_NAME = "^[a-z0-9]([-a-z0-9.]{0,61}[a-z0-9])?$";

    /** A decimal written as a string, since the Kubernetes API conventions avoid floats. */
    static final String DECIMAL = "^[0-9]+(\\.[0-9]+)?$";

    private Patterns() {
    }
}
