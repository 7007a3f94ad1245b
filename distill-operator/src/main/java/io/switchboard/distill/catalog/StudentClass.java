package io.switchboard.distill.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a student is trained and served. */
public enum StudentClass {
    /** An open-weight LLM trained with a LoRA adapter on GPUs, served by vLLM with the adapter. */
    @JsonProperty("lora")
    LORA,
    /** A small model built from a configuration, fully trained on a CPU, served by the trainer image. */
    @JsonProperty("small")
    SMALL
}
