package io.switchboard.distill.worker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** One run of the worker in this JVM, as a Job's container would run it: its exit code, output and message. */
record WorkerRun(int exitCode, String out, String err, String terminationMessage) {

    static WorkerRun of(Map<String, String> env, Path folder) throws IOException {
        Path termination = folder.resolve("termination-log");
        Files.deleteIfExists(termination);
        var withLog = new HashMap<>(env);
        withLog.put(WorkerSettings.TERMINATION_LOG, termination.toString());
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int exitCode = Worker.run(withLog, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new WorkerRun(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                Files.exists(termination) ? Files.readString(termination) : null);
    }
}
