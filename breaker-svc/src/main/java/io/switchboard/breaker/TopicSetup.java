package io.switchboard.breaker;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.switchboard.breaker.session.SessionTopology;
import io.switchboard.events.Topics;
import io.switchboard.runtime.kafka.Backoff;
import io.switchboard.runtime.kafka.KafkaConnection;

/**
 * Creates the breaker's own answers topic with as many partitions as the usage topic, so that an answer and the
 * usage of its session land in the same stream task. Kafka (or the usage topic) may not be there yet at the start: a
 * thread of its own retries with backoff until the topic exists, while Kafka Streams waits for it (its readiness says
 * so).
 */
@ApplicationScoped
class TopicSetup {

    private static final Logger LOGGER = Logger.getLogger(TopicSetup.class);

    private Thread thread;

    void create(@Observes StartupEvent start, KafkaConnection kafka) {
        thread = new Thread(() -> createWhenKafkaAnswers(kafka), "breaker-topic-setup");
        thread.setDaemon(true);
        thread.start();
    }

    private void createWhenKafkaAnswers(KafkaConnection kafka) {
        var backoff = Backoff.standard();
        Class<?> failing = null;
        try (var admin = Admin.create(kafka.with(Map.of(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000)))) {
            while (true) {
                try {
                    int partitions = admin.describeTopics(List.of(Topics.USAGE)).allTopicNames().get()
                            .get(Topics.USAGE).partitions().size();
                    admin.createTopics(List.of(new NewTopic(SessionTopology.ANSWERS, partitions, (short) -1)))
                            .all().get();
                    LOGGER.infof("created %s with %d partitions", SessionTopology.ANSWERS, partitions);
                    return;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof TopicExistsException) {
                        return;
                    }
                    if (e.getCause().getClass() != failing) {
                        LOGGER.warnf("cannot create %s yet (%s); retrying with backoff", SessionTopology.ANSWERS,
                                e.getCause().toString());
                        failing = e.getCause().getClass();
                    }
                    Thread.sleep(backoff.next().toMillis());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // not Kafka's absence (that is retried) but a fault no retry mends, such as a bad setting
            LOGGER.errorf("cannot create %s (create it with the usage topic's partition count): %s",
                    SessionTopology.ANSWERS, e.toString());
        }
    }

    @PreDestroy
    void stop() {
        if (thread != null) {
            thread.interrupt();
        }
    }
}
