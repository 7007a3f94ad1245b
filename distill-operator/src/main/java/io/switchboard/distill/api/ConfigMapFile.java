package io.switchboard.distill.api;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** One key of a ConfigMap, holding JSONL. */
public class ConfigMapFile {

    @Required
    @Pattern(Patterns.DNS_LABEL)
    public String name;

    @Required
    @Pattern("^[-._a-zA-Z0-9]+$")
    public String key;
}
