package io.switchboard.localkube;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;

/**
 * A Kubernetes for one machine: fabric8's mock API server in CRUD mode (plain HTTP on the loopback; it stores and
 * watches objects, it checks neither schemas nor CEL rules nor RBAC) that knows the given CRDs, and a {@link Kubelet}
 * that runs what is created in it.
 *
 * <pre>
 * java -jar local-kube/target/switchboard-local-kube-*.jar --port 8090 --state .local/kube \
 *     --images dev/local-kube-images.yaml --crd k8s/crds/distillationjobs.switchboard.dev-v1.yml \
 *     [--apply objects.yaml]... [--follow-distillation default/tickets]
 * </pre>
 *
 * {@code --apply} creates the objects of a YAML file (several documents allowed) once the cluster runs;
 * {@code --follow-distillation} prints that DistillationJob's stages and conditions as they change, and its report.
 */
public final class LocalCluster implements AutoCloseable {

    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final Kubelet kubelet;

    private LocalCluster(KubernetesMockServer server, KubernetesClient client, Kubelet kubelet) {
        this.server = server;
        this.client = client;
        this.kubelet = kubelet;
    }

    /** @param port 0 for any free one */
    public static LocalCluster start(int port, Path state, Images images, List<Path> crds) throws IOException {
        var server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(List.of()), false);
        server.init(InetAddress.getLoopbackAddress(), port);
        KubernetesClient client = server.createClient();
        for (Path crd : crds) {
            try (InputStream in = Files.newInputStream(crd)) {
                // a file may hold several
                client.load(in).create();
            }
        }
        // absolute: a pod may run in a directory of its own (an image's "directory")
        return new LocalCluster(server, client, new Kubelet(client, images, state.toAbsolutePath()).start());
    }

    /** Where clients reach the API server, e.g. {@code http://127.0.0.1:8090}. */
    public String apiServerUrl() {
        return "http://" + server.getHostName() + ":" + server.getPort();
    }

    public KubernetesClient client() {
        return client;
    }

    public Kubelet kubelet() {
        return kubelet;
    }

    @Override
    public void close() {
        kubelet.close();
        client.close();
        server.destroy();
    }

    public static void main(String[] args) throws Exception {
        int port = 0;
        Path state = Path.of(".local/kube");
        Path imagesFile = null;
        List<Path> crds = new ArrayList<>();
        List<Path> apply = new ArrayList<>();
        String follow = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--state" -> state = Path.of(args[++i]);
                case "--images" -> imagesFile = Path.of(args[++i]);
                case "--crd" -> crds.add(Path.of(args[++i]));
                case "--apply" -> apply.add(Path.of(args[++i]));
                case "--follow-distillation" -> follow = args[++i];
                default -> {
                    System.err.println("unknown argument " + args[i]
                            + "; usage: --port P --state DIR --images FILE [--crd FILE]... [--apply FILE]... "
                            + "[--follow-distillation NAMESPACE/NAME]");
                    System.exit(2);
                }
            }
        }
        if (imagesFile == null) {
            System.err.println("--images FILE is required (see dev/local-kube-images.yaml)");
            System.exit(2);
        }
        var cluster = start(port, state, Images.load(imagesFile, Path.of("")), crds);
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            cluster.close();
            stopped.countDown();
        }));
        System.out.println("local Kubernetes API server at " + cluster.apiServerUrl() + ", hosts file "
                + cluster.kubelet().hostsFile());
        for (Path file : apply) {
            try (InputStream in = Files.newInputStream(file)) {
                cluster.client().load(in).create();
            }
        }
        if (follow != null) {
            String[] namespaceAndName = follow.split("/", 2);
            new DistillationFollower(cluster.client(), System.out).follow(namespaceAndName[0], namespaceAndName[1]);
        }
        stopped.await();
    }
}
