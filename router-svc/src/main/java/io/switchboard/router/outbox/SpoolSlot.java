package io.switchboard.router.outbox;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.function.LongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;

/**
 * The part of a spool directory that one process holds: a numbered subdirectory, locked while the process lives, so
 * that replicas sharing a volume never touch each other's files, and a process that is gone leaves its files to the
 * next one.
 */
record SpoolSlot(Path root, String name, Path dir, FileLock lock) {

    private static final Logger LOGGER = Logger.getLogger(SpoolSlot.class);
    private static final int MAX_SLOTS = 64;
    private static final Pattern SLOT = Pattern.compile("\\d+");

    /** Locks the first free slot. */
    static SpoolSlot claim(Path root, String name) throws IOException {
        Files.createDirectories(root);
        for (int slot = 0; slot < MAX_SLOTS; slot++) {
            var dir = root.resolve(Integer.toString(slot));
            Files.createDirectories(dir);
            var lock = tryLock(dir);
            if (lock != null) {
                return new SpoolSlot(root, name, dir, lock);
            }
        }
        throw new IOException(
                "all " + MAX_SLOTS + " slots of the " + name + " spool directory " + root + " are held by "
                        + "other processes");
    }

    /** The slot's lock, {@code null} when another process (or this one) holds it. */
    private static FileLock tryLock(Path dir) throws IOException {
        var channel = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            var lock = channel.tryLock();
            if (lock != null) {
                return lock;
            }
        } catch (OverlappingFileLockException e) {
            // held by this process
        }
        channel.close();
        return null;
    }

    /**
     * Moves the segment files of slots no process holds (their process is gone) into this one, named by {@code name}
     * with sequence numbers after this slot's own.
     */
    void adoptOrphans(Pattern segment, LongFunction<Path> name) throws IOException {
        long seq = lastSeq(segment);
        try (var slots = Files.list(root)) {
            for (var other : slots.filter(path -> !path.equals(dir) && isSlot(path)).sorted().toList()) {
                var otherLock = tryLock(other);
                if (otherLock == null) {
                    continue;
                }
                try (var files = Files.list(other)) {
                    for (var file : files.filter(path -> segment.matcher(path.getFileName().toString()).matches())
                            .sorted().toList()) {
                        Files.move(file, name.apply(++seq), StandardCopyOption.ATOMIC_MOVE);
                        LOGGER.infof("%s spool file %s left by a process that is gone is taken over", name, file);
                    }
                } finally {
                    otherLock.release();
                    otherLock.channel().close();
                }
            }
        }
    }

    /** A numbered subdirectory: what else the directory holds (another spool, say) is not a slot. */
    private static boolean isSlot(Path path) {
        return Files.isDirectory(path) && SLOT.matcher(path.getFileName().toString()).matches();
    }

    private long lastSeq(Pattern segment) throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(path -> segment.matcher(path.getFileName().toString())).filter(Matcher::matches)
                    .mapToLong(name -> Long.parseLong(name.group(1))).max().orElse(0);
        }
    }
}
