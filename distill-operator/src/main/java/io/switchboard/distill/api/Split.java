package io.switchboard.distill.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;

/** How the examples are split into training and held-out evaluation sets. */
public class Split {

    @Pattern("^0\\.[0-9]{1,4}$")
    @ValidationRule(value = "double(self) > 0.0", message = "spec.split.evalFraction must be above 0 and below 1, e.g. \"0.2\"")
    @JsonPropertyDescription("Share of the examples held out for evaluation, a decimal string below 1 (default \"0.2\").")
    public String evalFraction;

    @Min(0)
    @JsonPropertyDescription("Seed of the shuffle before the split, and of the training (default 0).")
    public Long seed;
}
