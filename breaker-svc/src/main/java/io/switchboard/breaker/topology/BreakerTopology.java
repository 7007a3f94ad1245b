package io.switchboard.breaker.topology;

import java.time.Duration;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;

import io.switchboard.breaker.config.BreakerConfig;
import io.switchboard.breaker.confirm.QuestionTable;
import io.switchboard.breaker.session.Questions;
import io.switchboard.breaker.session.SessionRules;
import io.switchboard.breaker.session.SessionTopology;

/**
 * The breaker's one Kafka Streams topology, composed of its branches: the sessions branch follows sessions and asks
 * their owners, the questions branch keeps the latest step of every question for the answer endpoint. They meet only
 * on the confirmations topic.
 */
@ApplicationScoped
public class BreakerTopology {

    @Produces
    Topology topology(BreakerConfig config, Questions questions) {
        return build(team -> SessionRules.of(config, team), questions, config.idleGap(), config.checkInterval());
    }

    public static Topology build(Function<String, SessionRules> rules, Questions questions, Duration idleGap,
            Duration checkInterval) {
        var builder = new StreamsBuilder();
        SessionTopology.add(builder, rules, questions, idleGap, checkInterval);
        QuestionTable.add(builder);
        return builder.build();
    }
}
