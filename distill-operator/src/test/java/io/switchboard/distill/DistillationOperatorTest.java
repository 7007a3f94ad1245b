package io.switchboard.distill;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

import io.switchboard.distill.worker.Worker;

/** The image's entry point, run as a Job's container runs it: a process of its own. */
class DistillationOperatorTest {

    @Test
    void inWorkerModeItExitsWithTheWorkersCodeAndNeverAsksTheKubernetesApi(@TempDir Path folder)
            throws IOException, InterruptedException {
        // given: an API server that counts what it is asked, and a dataset Job whose input is not there
        AtomicInteger apiRequests = new AtomicInteger();
        HttpServer api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        api.createContext("/", exchange -> {
            apiRequests.incrementAndGet();
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        api.start();
        String apiUrl = "http://127.0.0.1:" + api.getAddress().getPort();
        var command = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "-Dquarkus.kubernetes-client.api-server-url=" + apiUrl,
                DistillationOperator.class.getName()).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        command.environment().put("KUBERNETES_MASTER", apiUrl);
        command.environment().put(Worker.MODE, "dataset");
        command.environment().put("SWITCHBOARD_DISTILL_DATASET_INPUT", folder.resolve("absent.jsonl").toString());
        command.environment().put("SWITCHBOARD_DISTILL_DATASET_OUTPUT", folder.resolve("out").toString());
        command.environment().put("SWITCHBOARD_DISTILL_DATASET_EVAL_FRACTION", "0.2");
        command.environment().put("SWITCHBOARD_DISTILL_TERMINATION_LOG", folder.resolve("termination").toString());

        // when
        Process worker = command.start();
        String err = new String(worker.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean exited = worker.waitFor(60, TimeUnit.SECONDS);
        api.stop(0);

        // then
        assertThat(exited).isTrue();
        assertThat(worker.exitValue()).as(err).isEqualTo(Worker.BAD_INPUT);
        assertThat(err).contains("absent.jsonl: no such file");
        assertThat(apiRequests).hasValue(0);
    }
}
