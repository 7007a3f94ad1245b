package io.switchboard.localkube;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;

/**
 * The cluster's names: each pod that serves gets a loopback address of its own (127.0.1.1, 127.0.1.2, ...: Linux
 * answers the whole of 127.0.0.0/8), so that every Service keeps its real port, and each Service's DNS names point at
 * the address of the pod it selects. Written as a hosts file that JVMs read instead of DNS ({@code jdk.net.hosts.file};
 * Quarkus's Vert.x resolves names through the JDK unless its asynchronous DNS client is switched on).
 */
final class Hosts {

    private final Path file;
    private final Map<String, String> addressByName = new TreeMap<>();
    private int lastAddress;

    Hosts(Path file) {
        this.file = file;
        write();
    }

    Path file() {
        return file;
    }

    synchronized String newAddress() {
        lastAddress++;
        if (lastAddress > 254 * 254) {
            throw new IllegalStateException("no loopback address left for another pod");
        }
        return "127.0." + (1 + (lastAddress - 1) / 254) + "." + (1 + (lastAddress - 1) % 254);
    }

    /** The names a pod reaches a Service by: {@code svc}, {@code svc.ns}, {@code svc.ns.svc[.cluster.local]}. */
    synchronized void service(String namespace, String name, String address) {
        for (String host : new String[]{name, name + "." + namespace, name + "." + namespace + ".svc",
                name + "." + namespace + ".svc.cluster.local"}) {
            if (address == null) {
                addressByName.remove(host);
            } else {
                addressByName.put(host, address);
            }
        }
        write();
    }

    private void write() {
        var text = new StringBuilder("127.0.0.1 localhost\n");
        addressByName.forEach((name, address) -> text.append(address).append(' ').append(name).append('\n'));
        try {
            Files.createDirectories(file.getParent());
            Path next = file.resolveSibling(file.getFileName() + ".next");
            Files.writeString(next, text);
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
