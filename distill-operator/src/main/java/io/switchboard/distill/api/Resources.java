package io.switchboard.distill.api;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.kubernetes.api.model.Toleration;

/** Where the training and serving pods run. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Resources {

    @JsonPropertyDescription("GPUs of the training Job and of a GPU student's serving pod (default: the catalog entry's).")
    public Gpu gpu;

    public Map<String, String> nodeSelector;

    public List<Toleration> tolerations;

    @Pattern(Patterns.DNS_LABEL)
    @JsonPropertyDescription("Kueue LocalQueue of the training Job (label kueue.x-k8s.io/queue-name).")
    public String queue;
}
