package io.switchboard.distill.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;

/** Where the examples come from: exactly one source. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "[has(self.uri), has(self.configMap), has(self.fromTraffic)].exists_one(x, x)", message = "spec.dataset: set exactly one of uri, configMap, fromTraffic")
public class Dataset {

    @Pattern("^pvc://[a-z0-9]([-a-z0-9]*[a-z0-9])?/.+$")
    @JsonPropertyDescription("A JSONL file on a PersistentVolumeClaim of this namespace: pvc://<claim>/<path>.")
    public String uri;

    @JsonPropertyDescription("A JSONL file in a ConfigMap of this namespace.")
    public ConfigMapFile configMap;

    @JsonPropertyDescription("Examples from traffic the router captured for the task's workload (switchboard.traces.v1).")
    public FromTraffic fromTraffic;
}
