package io.switchboard.metering.aggregate;

import static io.switchboard.metering.aggregate.Dimension.CLIENT;
import static io.switchboard.metering.aggregate.Dimension.MODEL;
import static io.switchboard.metering.aggregate.Dimension.PROVIDER;
import static io.switchboard.metering.aggregate.Dimension.TEAM;
import static io.switchboard.metering.aggregate.Dimension.USER;
import static io.switchboard.metering.aggregate.Dimension.WORKLOAD;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * One set of dimensions spend is summed by. Every event adds to one bucket of each rollup (per hour and per day); a
 * query reads the smallest rollup that holds every dimension it groups or filters by. The pairs a dashboard asks for
 * most (user x model, team x model, team x client) have their own; {@link #DETAIL} holds every dimension, so any
 * combination is answerable, only with more to read. A model almost always has one provider and a user one team, so
 * carrying the provider with the model and the team with the user costs next to nothing.
 */
public enum Rollup {

    // Declared smallest (fewest distinct buckets) first.
    TEAM_ONLY("t", TEAM), CLIENT_ONLY("c", CLIENT), MODEL_PROVIDER("m", MODEL, PROVIDER), WORKLOAD_ONLY("w",
            WORKLOAD), TEAM_CLIENT("tc", TEAM, CLIENT), TEAM_MODEL("tm", TEAM, MODEL, PROVIDER), USER_TEAM("u", USER,
                    TEAM), USER_MODEL("um", USER, TEAM, MODEL,
                            PROVIDER), DETAIL("all", USER, TEAM, MODEL, PROVIDER, CLIENT, WORKLOAD);

    private final String code;
    private final List<Dimension> dimensions;

    Rollup(String code, Dimension... dimensions) {
        this.code = code;
        this.dimensions = List.of(dimensions);
    }

    /** Its short name in store keys. */
    public String code() {
        return code;
    }

    /** Its dimensions, in the order of the values in its keys. */
    public List<Dimension> dimensions() {
        return dimensions;
    }

    /** The smallest rollup holding all of {@code needed}. */
    public static Rollup covering(Collection<Dimension> needed) {
        return Arrays.stream(values()).filter(r -> r.dimensions.containsAll(needed)).findFirst().orElseThrow();
    }
}
