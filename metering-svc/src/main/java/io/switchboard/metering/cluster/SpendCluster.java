package io.switchboard.metering.cluster;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.jboss.logging.Logger;

import io.switchboard.events.Topics;
import io.switchboard.metering.aggregate.SessionTotals;
import io.switchboard.metering.aggregate.SpendTopology;
import io.switchboard.metering.aggregate.SpendTotals;
import io.switchboard.metering.cluster.Partials.Row;
import io.switchboard.metering.cluster.Partials.SessionsPartial;
import io.switchboard.metering.cluster.Partials.SessionsRequest;
import io.switchboard.metering.cluster.Partials.SpendPartial;
import io.switchboard.metering.cluster.Partials.SpendRequest;
import io.switchboard.metering.query.Group;
import io.switchboard.metering.query.SessionQuery;
import io.switchboard.metering.query.SessionScan;
import io.switchboard.metering.query.SpendQuery;
import io.switchboard.metering.query.SpendScan;

/**
 * Answers a query from every partition that holds part of it, wherever that partition lives. Kafka Streams' metadata
 * (each instance advertises its {@code application.server}) says which instance owns which partition; each partition
 * is read exactly once: from the local store when this instance owns it, else by asking its owner over HTTP for
 * exactly those partitions. A query limited to some users asks only their partitions. Partial answers are integer
 * sums, so adding them up is exact. When the partitions are not all owned (a rebalance), or an owner does not answer,
 * the query fails rather than answer short.
 */
public final class SpendCluster {

    private static final Logger LOGGER = Logger.getLogger(SpendCluster.class);

    private final KafkaStreams streams;
    private final HttpClient http;
    private final Duration timeout;

    public SpendCluster(KafkaStreams streams, Duration timeout) {
        this.streams = streams;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** Totals per group, summed over every partition the query touches. */
    public Map<Group, SpendTotals> spend(SpendQuery query, String authorization) {
        var merged = new HashMap<Group, SpendTotals>();
        fanOut(query.users(), partitions -> localSpend(query, partitions),
                partitions -> new SpendRequest(query, partitions), Partials.SPEND_PATH, SpendPartial.class,
                authorization).forEach(
                        partial -> partial.rows().forEach(
                                row -> merged.merge(new Group(row.period(), row.values()), row.totals(),
                                        SpendTotals::plus)));
        return merged;
    }

    public List<SessionTotals> sessions(SessionQuery query, String authorization) {
        var all = new ArrayList<SessionTotals>();
        fanOut(query.users(), partitions -> localSessions(query, partitions),
                partitions -> new SessionsRequest(query, partitions), Partials.SESSIONS_PATH, SessionsPartial.class,
                authorization).forEach(partial -> all.addAll(partial.sessions()));
        return all;
    }

    /** This instance's answer for {@code partitions}, which it must own. */
    public SpendPartial localSpend(SpendQuery query, Set<Integer> partitions) {
        var totals = new HashMap<Group, SpendTotals>();
        for (int partition : partitions) {
            SpendScan.scan(this.<SpendTotals>store(SpendTopology.SPEND_STORE, partition), query, totals);
        }
        return new SpendPartial(totals.entrySet().stream()
                .map(e -> new Row(e.getKey().period(), e.getKey().values(), e.getValue())).toList());
    }

    public SessionsPartial localSessions(SessionQuery query, Set<Integer> partitions) {
        var sessions = new ArrayList<SessionTotals>();
        for (int partition : partitions) {
            SessionScan.scan(this.<SessionTotals>store(SpendTopology.SESSION_STORE, partition), query, sessions);
        }
        return new SessionsPartial(sessions);
    }

    private <V> ReadOnlyKeyValueStore<String, V> store(String name, int partition) {
        try {
            return streams.store(StoreQueryParameters
                    .fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()).withPartition(partition));
        } catch (InvalidStateStoreException e) {
            // The partition moved to another instance, or is being restored, since the owners were looked up.
            throw new ClusterUnavailableException("Partitions are moving between instances; retry shortly.");
        }
    }

    private <T> List<T> fanOut(Set<String> users, Function<Set<Integer>, T> local,
            Function<Set<Integer>, Object> request, String path, Class<T> type, String authorization) {
        var owners = users.isEmpty() ? allOwners() : ownersOf(users);
        // What this instance owns it reads itself, whatever name it advertises.
        var mine = localPartitions();
        var own = new TreeSet<Integer>();
        var remote = new ArrayList<CompletableFuture<T>>();
        for (var owner : owners.entrySet()) {
            var theirs = new TreeSet<Integer>();
            owner.getValue().forEach(p -> (mine.contains(p) ? own : theirs).add(p));
            if (!theirs.isEmpty()) {
                remote.add(ask(owner.getKey(), path, request.apply(theirs), type, authorization));
            }
        }
        LOGGER.debugf("%s: %s local, the rest from %s", path, own, owners);
        var answers = new ArrayList<T>();
        if (!own.isEmpty()) {
            answers.add(local.apply(own));
        }
        try {
            remote.forEach(future -> answers.add(future.join()));
        } catch (CompletionException e) {
            throw e.getCause() instanceof ClusterUnavailableException unavailable
                    ? unavailable
                    : new ClusterUnavailableException("An instance did not answer: " + e.getCause());
        }
        return answers;
    }

    private Set<Integer> localPartitions() {
        var partitions = new TreeSet<Integer>();
        for (var thread : streams.metadataForLocalThreads()) {
            for (var task : thread.activeTasks()) {
                for (var partition : task.topicPartitions()) {
                    if (partition.topic().equals(Topics.USAGE)) {
                        partitions.add(partition.partition());
                    }
                }
            }
        }
        return partitions;
    }

    private <T> CompletableFuture<T> ask(HostInfo host, String path, Object body, Class<T> type,
            String authorization) {
        var builder = HttpRequest.newBuilder(URI.create("http://" + host.host() + ":" + host.port() + path))
                .timeout(timeout).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Partials.write(body)));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return http.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofByteArray()).thenApply(response -> {
            if (response.statusCode() != 200) {
                LOGGER.warnf("instance %s:%d answered %d to %s", host.host(), host.port(), response.statusCode(),
                        path);
                throw new ClusterUnavailableException("Instance " + host.host() + ":" + host.port() + " answered "
                        + response.statusCode() + "; retry in a few seconds.");
            }
            return Partials.read(response.body(), type);
        });
    }

    /** Every partition of the usage topic by its owner; each owned by exactly one instance, none missing. */
    private Map<HostInfo, Set<Integer>> allOwners() {
        requireRunning();
        var owners = new HashMap<HostInfo, Set<Integer>>();
        var seen = new TreeSet<Integer>();
        for (var metadata : streams.streamsMetadataForStore(SpendTopology.SPEND_STORE)) {
            for (var partition : metadata.topicPartitions()) {
                if (!partition.topic().equals(Topics.USAGE)) {
                    continue;
                }
                if (!seen.add(partition.partition())) {
                    throw new ClusterUnavailableException("Partitions are moving between instances; retry shortly.");
                }
                owners.computeIfAbsent(metadata.hostInfo(), h -> new TreeSet<>()).add(partition.partition());
            }
        }
        if (seen.isEmpty() || seen.last() != seen.size() - 1) {
            throw new ClusterUnavailableException("Not every partition has an owner yet; retry shortly.");
        }
        return owners;
    }

    private Map<HostInfo, Set<Integer>> ownersOf(Set<String> users) {
        requireRunning();
        var owners = new HashMap<HostInfo, Set<Integer>>();
        for (var user : users) {
            var metadata = streams.queryMetadataForKey(SpendTopology.SPEND_STORE, user, new StringSerializer());
            if (metadata == null || metadata.activeHost() == null || metadata.partition() < 0
                    || metadata.activeHost().port() < 0) {
                throw new ClusterUnavailableException("The owner of that user's partition is not known yet.");
            }
            owners.computeIfAbsent(metadata.activeHost(), h -> new TreeSet<>()).add(metadata.partition());
        }
        return owners;
    }

    private void requireRunning() {
        if (streams.state() != KafkaStreams.State.RUNNING) {
            throw new ClusterUnavailableException(
                    "Spend is being restored after a start or rebalance (" + streams.state() + ").");
        }
    }
}
