package io.switchboard.distill.reconcile;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import io.quarkus.test.kubernetes.client.KubernetesServer;

/** A cluster with Kubeflow Trainer: its CRDs besides the operator's own. */
public class KubeflowTrainerSetup extends CrdSetup {

    @Override
    public void accept(KubernetesServer server) {
        super.accept(server);
        try (var crds = new FileInputStream("../dev/kubeflow-trainer-crds.yaml")) {
            server.getClient().load(crds).create();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
