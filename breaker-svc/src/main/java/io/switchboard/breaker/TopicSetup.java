package io.switchboard.breaker;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.switchboard.breaker.session.BreakerTopology;
import io.switchboard.events.Topics;

/**
 * Creates the breaker's own answers topic with as many partitions as the usage topic, so that an answer and the
 * usage of its session land in the same stream task.
 */
@ApplicationScoped
class TopicSetup {

    private static final Logger LOGGER = Logger.getLogger(TopicSetup.class);

    void create(@Observes StartupEvent start, @ConfigProperty(name = "kafka.bootstrap.servers") String servers)
            throws InterruptedException {
        try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
            int partitions = admin.describeTopics(List.of(Topics.USAGE)).allTopicNames().get().get(Topics.USAGE)
                    .partitions().size();
            admin.createTopics(List.of(new NewTopic(BreakerTopology.ANSWERS, partitions, (short) -1))).all().get();
            LOGGER.infof("created %s with %d partitions", BreakerTopology.ANSWERS, partitions);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                LOGGER.errorf("cannot create %s (create it with the usage topic's partition count): %s",
                        BreakerTopology.ANSWERS, e.getCause().toString());
            }
        }
    }
}
