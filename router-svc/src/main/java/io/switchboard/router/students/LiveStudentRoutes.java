package io.switchboard.router.students;

import java.time.Instant;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Event;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.runtime.Startup;
import io.switchboard.events.StudentRoute;
import io.switchboard.events.Topics;
import io.switchboard.router.metrics.RouterMetrics;
import io.switchboard.router.routing.StudentRoutes;
import io.switchboard.router.routing.StudentRoutesChanged;
import io.switchboard.runtime.kafka.CompactedFeed;
import io.switchboard.runtime.kafka.FeedProgress;
import io.switchboard.runtime.kafka.KafkaConnection;

/**
 * The whole routes topic, in memory ({@link CompactedFeed}): the promoted students every request is planned with. A
 * promotion or a withdrawal reaches every replica as fast as a poll, and each one fires {@link StudentRoutesChanged}
 * so that the students' adapters and health follow. A route that cannot be served is logged and left out.
 */
@Singleton
@Startup
public class LiveStudentRoutes {

    private static final Logger LOGGER = Logger.getLogger(LiveStudentRoutes.class);

    private final Event<StudentRoutesChanged> changed;
    private final CompactedFeed<StudentRoute> feed;
    /** Written by the feed's thread only. */
    private volatile StudentRoutes current = StudentRoutes.NONE;

    LiveStudentRoutes(KafkaConnection kafka,
            Event<StudentRoutesChanged> changed, RouterMetrics metrics) {
        this.changed = changed;
        this.feed = new CompactedFeed<>(kafka, "router-routes", Topics.ROUTES, StudentRoute.class,
                "student routes", this::changed);
        metrics.feed("routes", "student routes", feed::status, feed.started());
        metrics.studentRoutes(() -> current.size());
    }

    public StudentRoutes current() {
        return current;
    }

    /** Whether the feed reaches Kafka, has caught up once, and how far behind it is. */
    public FeedProgress.Status status() {
        return feed.status();
    }

    /** When the feed started: its staleness counts from here until Kafka first answers. */
    public Instant started() {
        return feed.started();
    }

    private void changed(String job, StudentRoute previous, StudentRoute route) {
        if (previous == null && route == null) {
            return; // a tombstone for a route never seen
        }
        var problem = route == null ? null : StudentRoutes.problem(job, route).orElse(null);
        if (problem != null) {
            LOGGER.warnf("student route ignored, the teacher serves: job=%s reason=%s", job, problem);
            route = null;
        } else if (route == null) {
            LOGGER.infof("student route withdrawn: job=%s", job);
        } else {
            LOGGER.infof("student route applied: job=%s model=%s workload=%s student=%s", job, route.model(),
                    route.workload(), route.student());
        }
        current = current.with(job, route);
        changed.fire(new StudentRoutesChanged(current, StudentRoute.provider(job)));
    }

    @PreDestroy
    void stop() {
        feed.close();
    }
}
