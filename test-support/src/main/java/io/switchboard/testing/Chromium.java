package io.switchboard.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Headless Chromium (Debian's {@code chromium}) opening one page per run, for the tests of the services' pages: with
 * time for its requests and scripts to settle before it prints the DOM or takes a screenshot.
 */
public final class Chromium {

    private static final List<String> NAMES = List.of("chromium", "chromium-browser");
    private static final long TIMEOUT_SECONDS = 30;

    private final Path binary;
    private final Path workDir;

    private Chromium(Path binary, Path workDir) {
        this.binary = binary;
        this.workDir = workDir;
    }

    /** The first chromium on the PATH, keeping its profile and output under {@code workDir}. */
    public static Optional<Chromium> find(Path workDir) {
        for (var dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (var name : NAMES) {
                var candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(new Chromium(candidate, workDir));
                }
            }
        }
        return Optional.empty();
    }

    /** The page's DOM, serialized, once it has settled. */
    public String dumpDom(String url) throws IOException, InterruptedException {
        var dom = workDir.resolve("dom.html");
        run(List.of("--window-size=1400,2000", "--dump-dom", url), dom);
        return Files.readString(dom);
    }

    /** A PNG of the page's first {@code width} x {@code height} pixels. */
    public void screenshot(String url, Path png, int width, int height) throws IOException, InterruptedException {
        run(List.of("--window-size=" + width + "," + height, "--screenshot=" + png.toAbsolutePath(), url),
                workDir.resolve("screenshot.log"));
    }

    private void run(List<String> args, Path stdout) throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        var command = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--hide-scrollbars", "--user-data-dir=" + workDir.resolve("profile").toAbsolutePath(),
                // virtual time stands still while requests are pending, so the page's fetches all complete
                "--virtual-time-budget=15000"));
        command.addAll(args);
        var stderr = workDir.resolve("chromium.log");
        var process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
                .start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("chromium took over " + TIMEOUT_SECONDS + " s; see " + stderr);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("chromium exited with " + process.exitValue() + "; see " + stderr);
        }
    }
}
