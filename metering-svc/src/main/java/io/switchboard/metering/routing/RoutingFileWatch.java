package io.switchboard.metering.routing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

import org.jboss.logging.Logger;

import io.switchboard.routingfile.RoutingFile;

/**
 * One part of the router's routing file, read through the contract the router reads it with ({@link RoutingFile}) and
 * read again when the file changes: checked at most once per {@code checkEvery}, when asked. A file that does not read
 * keeps what was read before, as the router does.
 *
 * @param <T> what is read from the file
 */
public final class RoutingFileWatch<T> {

    private static final Logger LOGGER = Logger.getLogger(RoutingFileWatch.class);

    private final Optional<Path> file;
    private final Duration checkEvery;
    private final Clock clock;
    private final String what;
    private final Function<RoutingFile, T> read;
    private T current;
    private Instant checkedAt = Instant.MIN;
    private FileTime modified;
    private long size = -1;

    /**
     * @param what names what is read, for the log
     * @param read turns the file (never {@code null}; a part it leaves out is) into what is kept; may throw on a part
     *        it rejects
     */
    public RoutingFileWatch(Optional<Path> file, Duration checkEvery, Clock clock, String what,
            Function<RoutingFile, T> read) {
        this.file = file;
        this.checkEvery = checkEvery;
        this.clock = clock;
        this.what = what;
        this.read = read;
        this.current = read.apply(RoutingFile.EMPTY);
        refresh();
    }

    /** What the file holds now, as of the last check. */
    public synchronized T current() {
        if (Duration.between(checkedAt, clock.instant()).compareTo(checkEvery) >= 0) {
            refresh();
        }
        return current;
    }

    private synchronized void refresh() {
        checkedAt = clock.instant();
        if (file.isEmpty()) {
            return;
        }
        var path = file.get();
        try {
            var nowModified = Files.getLastModifiedTime(path);
            long nowSize = Files.size(path);
            if (nowModified.equals(modified) && nowSize == size) {
                return;
            }
            var parsed = RoutingFile.parse(Files.readString(path));
            current = read.apply(parsed == null ? RoutingFile.EMPTY : parsed);
            modified = nowModified;
            size = nowSize;
            LOGGER.infof("%s read from %s", what, path);
        } catch (IOException | RuntimeException e) {
            LOGGER.warnf("cannot read %s from %s, keeping those known: %s", what, path, e.getMessage());
        }
    }
}
