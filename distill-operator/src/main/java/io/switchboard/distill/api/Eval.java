package io.switchboard.distill.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** One way of scoring a student answer against the teacher's answer. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self.kind != 'JsonFields' || has(self.fields)", message = "spec.evals[].fields is required for kind JsonFields")
@ValidationRule(value = "self.kind != 'Regex' || has(self.pattern)", message = "spec.evals[].pattern is required for kind Regex")
@ValidationRule(value = "self.kind != 'Judge' || has(self.judgeModel)", message = "spec.evals[].judgeModel is required for kind Judge")
public class Eval {

    /** The scoring rule; each gives 0 or 1 per example (the judge its verdict). */
    public enum Kind {
        ExactMatch, JsonFields, Regex, ToolCall, Judge
    }

    @Required
    public Kind kind;

    @Min(1)
    @Max(100)
    @JsonPropertyDescription("Relative weight of this eval in the accuracy (default 1).")
    public Integer weight;

    @Size(min = 1, max = 32)
    @JsonPropertyDescription("JsonFields: the top-level fields that must be equal in both answers.")
    public List<String> fields;

    @JsonPropertyDescription("Regex: the first capture group (or the whole match) must be equal in both answers.")
    public String pattern;

    @JsonPropertyDescription("Judge: the router model asked whether the student's answer means the teacher's.")
    public String judgeModel;
}
