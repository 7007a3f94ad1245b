package io.switchboard.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a single-node Kafka broker with Switchboard's topics as a process of its own, for local runs: writes its bootstrap
 * address to the file named by the first argument, then serves until the process is stopped.
 */
public final class LocalKafka {

    private LocalKafka() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: LocalKafka <file to write the bootstrap address to>");
            System.exit(2);
        }
        var broker = KafkaBroker.start();
        broker.createSwitchboardTopics();
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "local-kafka-shutdown"));
        var target = Path.of(args[0]);
        var temp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.writeString(temp, broker.bootstrapServers());
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        stopped.await();
    }
}
