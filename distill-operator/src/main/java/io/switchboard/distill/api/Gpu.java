package io.switchboard.distill.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

/** A GPU request. */
public class Gpu {

    @Min(0)
    @Max(16)
    public Integer count;

    @Pattern("^[a-z0-9.-]+/[a-z0-9.-]+$")
    @JsonPropertyDescription("The extended resource name, e.g. nvidia.com/gpu (default).")
    public String type;
}
