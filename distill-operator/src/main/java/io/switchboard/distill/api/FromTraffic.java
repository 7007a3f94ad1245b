package io.switchboard.distill.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Min;

/** Captured traffic as the dataset; the newest examples first. */
public class FromTraffic {

    @Min(1)
    @JsonPropertyDescription("At most this many captured examples.")
    public Integer maxExamples;
}
