package io.switchboard.localkube;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

/**
 * Plays the kubelet and the Job and Deployment controllers of one machine: each Job's pod runs once as a local process
 * (retried up to its backoffLimit, failed at once by its podFailurePolicy's exit codes) and its status is written back
 * with a Pod object that carries the container's exit code and termination message; each Deployment's pod runs on a
 * loopback address of its own until the Deployment goes, and counts as available once its readiness probe answers;
 * Services resolve, through the {@link Hosts} file, to the address of the pod they select. Where the cluster has
 * Kubeflow Trainer's CRDs, it plays its torch runtime too: each TrainJob's nodes run as local processes
 * ({@link TrainJobRun}).
 */
public final class Kubelet implements AutoCloseable {

    private static final Logger LOGGER = Logger.getLogger(Kubelet.class.getName());

    private final KubernetesClient client;
    private final PodProcess pods;
    private final Hosts hosts;
    private final ExecutorService runners = Executors.newCachedThreadPool(runnable -> {
        var thread = new Thread(runnable, "local-kubelet");
        thread.setDaemon(true);
        return thread;
    });
    /** Running workloads by the uid of the Job or Deployment they belong to. */
    private final Map<String, Workload> running = new ConcurrentHashMap<>();
    private final List<SharedIndexInformer<?>> informers = new ArrayList<>();

    /** What runs for one Job or Deployment; closing it ends its process. */
    interface Workload extends AutoCloseable {

        @Override
        void close();
    }

    public Kubelet(KubernetesClient client, Images images, Path state) {
        this.client = client;
        this.hosts = new Hosts(state.resolve("hosts"));
        this.pods = new PodProcess(client, images, state, hosts);
    }

    /** The hosts file every process of this cluster resolves Service names with. */
    public Path hostsFile() {
        return hosts.file();
    }

    public Path logs() {
        return pods.log("any", "any").getParent().getParent();
    }

    public Kubelet start() {
        informers.add(client.batch().v1().jobs().inAnyNamespace().inform(handler(this::jobSeen)));
        informers.add(client.apps().deployments().inAnyNamespace().inform(handler(this::deploymentSeen)));
        informers.add(client.services().inAnyNamespace().inform(handler(service -> services())));
        informers.add(client.pods().inAnyNamespace().inform(handler(pod -> services())));
        if (client.apiextensions().v1().customResourceDefinitions().withName("trainjobs.trainer.kubeflow.org")
                .get() != null) {
            informers.add(client.genericKubernetesResources(TrainJobRun.API_VERSION, TrainJobRun.KIND)
                    .inAnyNamespace().inform(handler(this::trainJobSeen)));
        }
        return this;
    }

    private <T extends HasMetadata> ResourceEventHandler<T> handler(Consumer<T> seen) {
        return new ResourceEventHandler<>() {

            @Override
            public void onAdd(T resource) {
                seen.accept(resource);
            }

            @Override
            public void onUpdate(T before, T after) {
                seen.accept(after);
            }

            @Override
            public void onDelete(T resource, boolean finalStateUnknown) {
                Workload workload = running.remove(resource.getMetadata().getUid());
                if (workload != null) {
                    workload.close();
                }
                services();
            }
        };
    }

    private void jobSeen(Job job) {
        boolean finished = job.getStatus() != null && job.getStatus().getConditions() != null
                && job.getStatus().getConditions().stream().anyMatch(c -> "True".equals(c.getStatus())
                        && ("Complete".equals(c.getType()) || "Failed".equals(c.getType())));
        if (finished || Boolean.TRUE.equals(job.getSpec().getSuspend())) {
            return;
        }
        running.computeIfAbsent(job.getMetadata().getUid(), uid -> {
            var run = new JobRun(client, pods, job);
            runners.execute(run);
            return run;
        });
    }

    private void trainJobSeen(GenericKubernetesResource trainJob) {
        if (TrainJobRun.finished(trainJob)) {
            return;
        }
        running.computeIfAbsent(trainJob.getMetadata().getUid(), uid -> {
            var run = new TrainJobRun(client, pods, trainJob);
            runners.execute(run);
            return run;
        });
    }

    private void deploymentSeen(Deployment deployment) {
        Integer replicas = deployment.getSpec().getReplicas();
        if (replicas != null && replicas == 0) {
            return;
        }
        running.computeIfAbsent(deployment.getMetadata().getUid(), uid -> {
            var run = new DeploymentRun(client, pods, hosts.newAddress(), deployment);
            runners.execute(run);
            return run;
        });
    }

    /** Each Service's names point at the address of a running pod it selects, or at nothing. */
    private synchronized void services() {
        for (Service service : client.services().inAnyNamespace().list().getItems()) {
            var selector = service.getSpec().getSelector();
            String address = selector == null || selector.isEmpty()
                    ? null
                    : client.pods().inNamespace(service.getMetadata().getNamespace()).withLabels(selector).list()
                            .getItems().stream().filter(Pods::ready)
                            .map(pod -> pod.getStatus().getPodIP()).findFirst().orElse(null);
            hosts.service(service.getMetadata().getNamespace(), service.getMetadata().getName(), address);
        }
    }

    @Override
    public void close() {
        informers.forEach(SharedIndexInformer::close);
        running.values().forEach(Workload::close);
        running.clear();
        runners.shutdownNow();
        try {
            if (!runners.awaitTermination(10, TimeUnit.SECONDS)) {
                LOGGER.warning("local kubelet: processes still stopping");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void stop(Process process) {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void warn(String what, Exception e) {
        LOGGER.log(Level.WARNING, "local kubelet: " + what + ": " + e.getMessage());
    }
}
