package io.switchboard.metering.topology;

import java.time.Clock;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;

import io.switchboard.metering.MeteringConfig;
import io.switchboard.metering.aggregate.SpendMeters;
import io.switchboard.metering.aggregate.SpendTopology;
import io.switchboard.metering.budget.BudgetBook;
import io.switchboard.metering.budget.BudgetTopology;

/**
 * Metering's one Kafka Streams topology, composed of its branches: the spend branch counts each usage event once, and
 * the budget branch charges what it counted. Neither branch knows the other.
 */
@ApplicationScoped
public class MeteringTopology {

    @Produces
    Topology topology(MeteringConfig config, SpendMeters meters, BudgetBook budgets) {
        return build(new SpendTopology.Retention(config.dedupWindow(), config.sessionRetention(),
                config.hourBucketRetention(), config.dayBucketRetention()), meters, budgets, Clock.systemUTC(),
                config.budgetStandingInterval());
    }

    public static Topology build(SpendTopology.Retention retention, SpendMeters meters, BudgetBook budgets,
            Clock clock, Duration budgetStandingInterval) {
        var builder = new StreamsBuilder();
        var counted = SpendTopology.add(builder, retention, meters);
        BudgetTopology.add(builder, counted, budgets, clock, budgetStandingInterval);
        return builder.build();
    }
}
