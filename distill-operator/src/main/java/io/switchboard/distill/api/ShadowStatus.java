package io.switchboard.distill.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** What the teacher's shadow answers say of the promoted student, over spec.promotion.shadow.window. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ShadowStatus {

    @JsonPropertyDescription("Shadowed requests the teacher answered in the window, as the router's usage events report them.")
    public Long requests;

    @JsonPropertyDescription("Of those, the ones whose answers agree.")
    public Long agreed;

    @JsonPropertyDescription("agreed / requests, e.g. \"0.96\".")
    public String agreement;

    @JsonPropertyDescription("When the figures were read (RFC 3339).")
    public String time;

    @JsonPropertyDescription("True once the student was withdrawn for its agreement.")
    public Boolean withdrawn;
}
