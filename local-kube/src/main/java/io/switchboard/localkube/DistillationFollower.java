package io.switchboard.localkube;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/**
 * Tells what a DistillationJob does as it goes, as {@code kubectl get dj -w} and {@code kubectl describe} would: each
 * new stage and condition, then the report (its {@code report.md}) once the job has one.
 */
final class DistillationFollower implements Watcher<GenericKubernetesResource> {

    static final ResourceDefinitionContext DISTILLATION_JOBS = new ResourceDefinitionContext.Builder()
            .withGroup("switchboard.dev").withVersion("v1alpha1").withPlural("distillationjobs").withNamespaced(true)
            .withKind("DistillationJob").build();

    private final KubernetesClient client;
    private final PrintStream out;
    private String lastSeen = "";
    private boolean reportShown;

    DistillationFollower(KubernetesClient client, PrintStream out) {
        this.client = client;
        this.out = out;
    }

    void follow(String namespace, String name) {
        client.genericKubernetesResources(DISTILLATION_JOBS).inNamespace(namespace).withName(name).watch(this);
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized void eventReceived(Action action, GenericKubernetesResource job) {
        if (action == Action.DELETED) {
            out.println("distillationjob/" + job.getMetadata().getName() + " deleted");
            return;
        }
        var status = (Map<String, Object>) job.getAdditionalProperties().get("status");
        if (status == null) {
            return;
        }
        var seen = new StringBuilder("distillationjob/" + job.getMetadata().getName() + ": stage "
                + status.get("stage"));
        var conditions = (List<Map<String, Object>>) status.getOrDefault("conditions", List.of());
        for (var condition : conditions) {
            seen.append("\n  ").append(condition.get("type")).append('=').append(condition.get("status"))
                    .append(" (").append(condition.get("reason")).append("): ").append(condition.get("message"));
        }
        if (!seen.toString().equals(lastSeen)) {
            lastSeen = seen.toString();
            out.println(lastSeen);
        }
        Object report = status.get("report");
        if (report != null && !reportShown) {
            ConfigMap map = client.configMaps().inNamespace(job.getMetadata().getNamespace())
                    .withName(report.toString()).get();
            if (map != null && map.getData() != null && map.getData().containsKey("report.md")) {
                reportShown = true;
                out.println();
                out.println(Objects.toString(map.getData().get("report.md")));
            }
        }
    }

    @Override
    public void onClose(WatcherException cause) {
        out.println("stopped following: " + cause.getMessage());
    }
}
