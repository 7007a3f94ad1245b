package io.switchboard.distill.reconcile;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.switchboard.events.EventJson;
import io.switchboard.events.StudentRoute;
import io.switchboard.events.Topics;
import io.switchboard.testing.KafkaBrokerResource;

/** What {@link Topics#ROUTES} holds now, read from its first record to its last on the calling thread. */
final class RouteTopic {

    private RouteTopic() {
    }

    /** The values published under {@code key}, oldest first; {@code null} for a tombstone. */
    static List<StudentRoute> routes(String key) {
        var settings = Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaBrokerResource.broker().bootstrapServers());
        List<StudentRoute> routes = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(settings, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.ROUTES, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                for (var record : consumer.poll(Duration.ofMillis(100))) {
                    if (key.equals(record.key())) {
                        routes.add(record.value() == null ? null : EventJson.read(record.value(), StudentRoute.class));
                    }
                }
            }
        }
        return routes;
    }
}
