package io.switchboard.distill.reconcile;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.quarkus.test.kubernetes.client.KubernetesServer;

/** The mock API server knows the committed CRD (for the status subresource) before the operator starts. */
public class CrdSetup implements Consumer<KubernetesServer> {

    @Override
    public void accept(KubernetesServer server) {
        try (var crd = new FileInputStream("../k8s/crds/distillationjobs.switchboard.dev-v1.yml")) {
            server.getClient().resource(server.getClient().getKubernetesSerialization().unmarshal(crd,
                    CustomResourceDefinition.class)).create();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
