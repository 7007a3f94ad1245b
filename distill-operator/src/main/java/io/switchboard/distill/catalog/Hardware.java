package io.switchboard.distill.catalog;

/** What one training or serving pod of a student needs; cpu and memory are Kubernetes quantities. */
public record Hardware(int gpus, String gpuType, String cpu, String memory) {

    static final String DEFAULT_GPU_TYPE = "nvidia.com/gpu";

    public Hardware {
        if (gpus < 0) {
            throw new CatalogException("hardware.gpus must be 0 or more");
        }
        gpuType = gpuType == null ? DEFAULT_GPU_TYPE : gpuType;
        cpu = required(cpu, "hardware.cpu");
        memory = required(memory, "hardware.memory");
    }

    static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new CatalogException(field + " is required");
        }
        return value;
    }
}
