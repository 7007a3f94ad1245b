package io.switchboard.distill.catalog;

import java.math.BigDecimal;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.switchboard.distill.api.Training;

/**
 * A base model a student can start from. {@code weights} is a Hugging Face id or a mounted path for {@code lora}
 * entries, and {@code config} for {@code small} ones, which are built from {@code architecture} and {@code size}.
 * {@code backend}, when set, is what trains it unless the job's spec.training says otherwise.
 */
public record StudentEntry(String name, @JsonProperty("class") StudentClass studentClass, String parameters,
        Hardware hardware, String weights, String architecture, String size, String servingCostPerHour,
        Training.Backend backend) {

    static final String CONFIG_WEIGHTS = "config";
    private static final Pattern NAME = Pattern.compile("^[a-z0-9]([-a-z0-9.]{0,61}[a-z0-9])?$");
    private static final Pattern USD = Pattern.compile("^[0-9]+(\\.[0-9]+)?$");

    public StudentEntry {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new CatalogException(
                    "catalog entry " + name + ": name must be lower case letters, digits, '-' and '.'");
        }
        String at = "catalog entry " + name + ": ";
        if (studentClass == null) {
            throw new CatalogException(at + "class is required (lora or small)");
        }
        if (hardware == null) {
            throw new CatalogException(at + "hardware is required");
        }
        Hardware.required(weights, at + "weights");
        if (servingCostPerHour == null || !USD.matcher(servingCostPerHour).matches()) {
            throw new CatalogException(at + "servingCostPerHour must be a decimal string of USD, e.g. \"0.75\"");
        }
        if (studentClass == StudentClass.LORA && (hardware.gpus() < 1 || CONFIG_WEIGHTS.equals(weights))) {
            throw new CatalogException(at + "a lora entry needs hardware.gpus of 1 or more and pretrained weights");
        }
        if (studentClass == StudentClass.SMALL && !CONFIG_WEIGHTS.equals(weights)) {
            throw new CatalogException(at + "a small entry is built from a configuration: weights must be \"config\"");
        }
    }

    public BigDecimal servingCostPerHourUsd() {
        return new BigDecimal(servingCostPerHour);
    }

    /** The trainer's {@code --student} fields (its README's contract) other than the served name. */
    public String trainerFields() {
        if (studentClass == StudentClass.SMALL) {
            return "kind=config,architecture=" + (architecture == null ? "llama" : architecture) + ",size="
                    + (size == null ? "tiny" : size);
        }
        return "kind=pretrained,base=" + weights;
    }
}
