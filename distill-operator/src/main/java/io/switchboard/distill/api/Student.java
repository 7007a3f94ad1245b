package io.switchboard.distill.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** The student: a catalog entry and how it is trained. */
public class Student {

    /** Trainer methods (the trainer's --method). */
    public enum Method {
        Full, Lora
    }

    @Required
    @Pattern(Patterns.CATALOG_NAME)
    @JsonPropertyDescription("The name of an entry of the operator's student catalog.")
    public String base;

    @JsonPropertyDescription("Lora for an open-weight LLM, Full for a small student (default by the catalog entry's class).")
    public Method method;
}
