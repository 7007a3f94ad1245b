package io.switchboard.distill.worker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The container's termination message, which the operator reads from the pod's status: the kubelet keeps at most
 * 4096 bytes of it. Outside a pod there is no such file, and nothing is written.
 */
record TerminationMessage(Path file) {

    static final int MAX_BYTES = 4096;

    void write(String message) {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_BYTES) {
            throw new IllegalStateException("termination message of " + bytes.length + " bytes, over " + MAX_BYTES);
        }
        try {
            Files.write(file, bytes);
        } catch (IOException | SecurityException e) {
            // not in a pod (or no such mount): the files in the workspace say the same
        }
    }
}
