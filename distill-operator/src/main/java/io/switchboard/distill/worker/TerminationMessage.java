package io.switchboard.distill.worker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The container's termination message, which the operator reads from the pod's status: the kubelet keeps at most
 * 4096 bytes of it. Without a file (outside a pod), or where it cannot be written, the files in the workspace say the
 * same.
 */
record TerminationMessage(Optional<Path> file) {

    static final int MAX_BYTES = 4096;

    void write(String message) {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_BYTES) {
            throw new IllegalStateException("termination message of " + bytes.length + " bytes, over " + MAX_BYTES);
        }
        if (file.isPresent()) {
            try {
                Files.write(file.get(), bytes);
            } catch (IOException | SecurityException e) {
                // not writable here: skipped
            }
        }
    }
}
