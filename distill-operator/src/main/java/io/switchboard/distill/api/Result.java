package io.switchboard.distill.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The report's headline figures, as decimal strings. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Result {

    public String relativeAccuracy;

    public String costRatio;

    public String speedRatio;

    public Long teacherP95LatencyMillis;

    public Long studentP95LatencyMillis;
}
