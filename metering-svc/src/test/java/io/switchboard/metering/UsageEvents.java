package io.switchboard.metering;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.switchboard.events.Attempt;
import io.switchboard.events.ClientInfo;
import io.switchboard.events.EventJson;
import io.switchboard.events.Tokens;
import io.switchboard.events.Topics;
import io.switchboard.events.UsageEvent;
import io.switchboard.testing.KafkaBrokerResource;

/** Usage events for metering tests. */
public final class UsageEvents {

    private UsageEvents() {
    }

    public static UsageEvent event(String user, String team, String time, long input, long output, long costMicros) {
        return usage(user, team, time).tokens(new Tokens(input, 0, 0, output, 0)).cost(costMicros).build();
    }

    public static Builder usage(String user, String team, String time) {
        return new Builder(user, team, Instant.parse(time));
    }

    /** Publishes to the usage topic of the test's broker, keyed by user as the router does, and waits for the acks. */
    public static void publish(UsageEvent... events) throws ExecutionException, InterruptedException {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaBrokerResource.broker().bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            var sent = new ArrayList<Future<RecordMetadata>>();
            for (var event : events) {
                sent.add(producer.send(new ProducerRecord<>(Topics.USAGE, event.userId(), EventJson.write(event))));
            }
            for (var ack : sent) {
                ack.get();
            }
        }
    }

    /** An OK, unstreamed gpt-4o request from the OpenAI SDK, unless told otherwise. */
    public static final class Builder {

        private final String user;
        private final String team;
        private final Instant time;
        private String model = "gpt-4o";
        private String provider = "openai";
        private String client = "openai-sdk";
        private String workload = "";
        private String session = "";
        private UsageEvent.Outcome outcome = UsageEvent.Outcome.OK;
        private Tokens tokens = new Tokens(100, 0, 0, 10, 0);
        private long cost = 1;
        private long latency = 100;
        private long teacherCost;
        private UsageEvent.Shadow shadow;

        Builder(String user, String team, Instant time) {
            this.user = user;
            this.team = team;
            this.time = time;
        }

        public Builder model(String model, String provider) {
            this.model = model;
            this.provider = provider;
            return this;
        }

        public Builder client(String client) {
            this.client = client;
            return this;
        }

        public Builder workload(String workload) {
            this.workload = workload;
            return this;
        }

        public Builder session(String session) {
            this.session = session;
            return this;
        }

        public Builder outcome(UsageEvent.Outcome outcome) {
            this.outcome = outcome;
            return this;
        }

        public Builder tokens(Tokens tokens) {
            this.tokens = tokens;
            return this;
        }

        public Builder cost(long micros) {
            this.cost = micros;
            return this;
        }

        public Builder latency(long millis) {
            this.latency = millis;
            return this;
        }

        /** For a request a promoted student served: what the teacher would have cost. */
        public Builder teacherCost(long micros) {
            this.teacherCost = micros;
            return this;
        }

        /** The teacher's answer to a request the student of {@code job} answered, asked for by shadow evaluation. */
        public Builder shadow(String job, boolean agreed) {
            this.shadow = new UsageEvent.Shadow(job, agreed);
            return this;
        }

        public UsageEvent build() {
            var ok = outcome == UsageEvent.Outcome.OK;
            return new UsageEvent(UUID.randomUUID(), time, UsageEvent.SCHEMA_VERSION, UUID.randomUUID().toString(),
                    user, team, "key-" + user, session, new ClientInfo(client, ""), workload,
                    UsageEvent.Api.OPENAI_CHAT, model, ok ? model : "", ok ? provider : "",
                    List.of(new Attempt(provider, model, ok ? Attempt.Outcome.OK : Attempt.Outcome.SERVER_ERROR,
                            ok ? 200 : 503, latency)),
                    false, outcome, ok ? 200 : 502, tokens, cost, "test", latency, latency, false, "", teacherCost,
                    shadow);
        }
    }
}
