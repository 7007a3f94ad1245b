package io.switchboard.router.outbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;

/**
 * Records (usage events, traces) on local disk until Kafka has them: a directory of {@link SpoolSegment} files named
 * after the spool, bounded in bytes, locked against other processes (each takes a slot of its own). One writer thread
 * appends; one sender thread reads back, claims and deletes; producer callbacks acknowledge and release.
 */
final class Spool implements AutoCloseable {

    private static final Logger LOGGER = Logger.getLogger(Spool.class);

    private final Path dir;
    private final String name;
    private final Pattern segmentFile;
    private final long maxBytes;
    private final long segmentBytes;
    private final FileLock lock;
    /** Oldest first; the last is the head, the only one written to. */
    private final List<SpoolSegment> segments = new ArrayList<>();
    private SpoolSegment head;
    private ByteBuffer batch = ByteBuffer.allocate(256 * 1024);

    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong unacked = new AtomicLong();
    private final AtomicLong released = new AtomicLong();

    private Spool(Path dir, String name, long maxBytes, long segmentBytes, FileLock lock) {
        this.dir = dir;
        this.name = name;
        this.segmentFile = Pattern.compile(Pattern.quote(name) + "-(\\d{16})\\.spool");
        this.maxBytes = maxBytes;
        this.segmentBytes = segmentBytes;
        this.lock = lock;
    }

    /**
     * Opens the first free slot of the directory (one per router process that shares it), taking over the records that
     * earlier processes left in it and in every other slot no process holds.
     */
    static Spool open(Path root, String name, long maxBytes, long segmentBytes) throws IOException {
        var slot = SpoolSlot.claim(root, name);
        var spool = new Spool(slot.dir(), name, maxBytes, segmentBytes, slot.lock());
        try {
            slot.adoptOrphans(spool.segmentFile, seq -> SpoolSegment.pathOf(slot.dir(), name, seq));
            spool.recover();
            spool.head = SpoolSegment.create(slot.dir(), name, spool.segments.isEmpty()
                    ? 1
                    : spool.segments.get(
                            spool.segments.size() - 1).seq + 1);
            spool.added(spool.head);
        } catch (IOException | RuntimeException e) {
            spool.close();
            throw e;
        }
        return spool;
    }

    private void recover() throws IOException {
        try (var files = Files.list(dir)) {
            for (var path : files.sorted().toList()) {
                var file = segmentFile.matcher(path.getFileName().toString());
                if (!file.matches()) {
                    continue;
                }
                try {
                    var segment = SpoolSegment.recover(path, name, Long.parseLong(file.group(1)),
                            cut -> LOGGER.warnf("%s spool file %s ended in a torn record (a crash while "
                                    + "writing); %d bytes cut off", name, path, cut));
                    segments.add(segment);
                    bytes.addAndGet(segment.size());
                    unacked.addAndGet(segment.count());
                    released.addAndGet(segment.count());
                } catch (IOException e) {
                    LOGGER.errorf("%s spool file %s is unreadable and left as it is: %s", name, path,
                            e.getMessage());
                }
            }
        }
        if (unacked.get() > 0) {
            LOGGER.infof("%s spool %s holds %d records not known to be on Kafka; sending them again", name, dir,
                    unacked.get());
        }
    }

    private void added(SpoolSegment segment) throws IOException {
        synchronized (this) {
            segments.add(segment);
        }
        bytes.addAndGet(segment.size());
        syncDirectory();
    }

    /** The file's name must survive a power loss too, not only its content. */
    private void syncDirectory() {
        try (var channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // not every platform can sync a directory; the records themselves are synced
        }
    }

    /**
     * Appends records (the writer thread only). Each comes back claimed by the caller, or {@code null} where the spool
     * is full and the record was not written.
     */
    List<Spooled> append(List<byte[][]> keyValues) throws IOException {
        var appended = new ArrayList<Spooled>(keyValues.size());
        int batchCount = 0;
        long batchBytes = 0;
        for (var keyValue : keyValues) {
            int size = SpoolSegment.encodedSize(keyValue[0], keyValue[1]);
            if (bytes.get() + batchBytes + size > maxBytes) {
                appended.add(null);
                continue;
            }
            if (head.size() + batchBytes + size > segmentBytes && head.count() + batchCount > 0) {
                write(batchCount, batchBytes);
                batchCount = 0;
                batchBytes = 0;
                roll();
            }
            if (batch.remaining() < size) {
                var larger = ByteBuffer.allocate(Math.max(batch.capacity() * 2, batch.position() + size));
                batch = larger.put(batch.flip());
            }
            appended.add(new Spooled(head, head.count() + batchCount, head.size() + batchBytes, keyValue[0],
                    keyValue[1]));
            SpoolSegment.encode(batch, keyValue[0], keyValue[1]);
            batchCount++;
            batchBytes += size;
        }
        write(batchCount, batchBytes);
        return appended;
    }

    private void write(int count, long size) throws IOException {
        try {
            head.append(batch.flip(), count);
        } finally {
            batch.clear();
        }
        bytes.addAndGet(size);
        unacked.addAndGet(count);
    }

    /** Closes the head and starts a new one (the writer thread only). */
    void roll() throws IOException {
        head.seal();
        head = SpoolSegment.create(dir, name, head.seq + 1);
        added(head);
    }

    /** Rolls a head that has records and is older than {@code nanos}, so that it can be deleted once delivered. */
    void rollIfOlder(long nanos) throws IOException {
        if (head.count() > 0 && head.ageNanos() > nanos) {
            roll();
        }
    }

    /** Makes what was appended survive a power loss (the writer thread only). */
    void sync() throws IOException {
        head.force();
    }

    /**
     * Claims released records, oldest file first, and hands each to {@code send} while {@code more} says so (the sender
     * thread only).
     */
    void claimReleased(BooleanSupplier more, Consumer<Spooled> send) {
        if (released.get() <= 0) {
            return;
        }
        List<SpoolSegment> snapshot;
        synchronized (this) {
            snapshot = new ArrayList<>(segments);
        }
        for (var segment : snapshot) {
            var cursor = segment.takeCursor();
            if (cursor == null) {
                continue;
            }
            int ordinal = (int) cursor[0];
            var reader = segment.reader(cursor[1]);
            try {
                for (var stored = reader.next(); stored != null; stored = reader.next(), ordinal++) {
                    if (!more.getAsBoolean()) {
                        segment.rewind(ordinal, stored.offset());
                        return;
                    }
                    if (segment.claim(ordinal)) {
                        released.decrementAndGet();
                        send.accept(new Spooled(segment, ordinal, stored.offset(), stored.key(), stored.value()));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the " + name + " spool file " + segment.path, e);
            }
            if (reader.stoppedEarly()) {
                int lost = segment.abandonFrom(ordinal);
                released.addAndGet(-lost);
                unacked.addAndGet(-lost);
                LOGGER.errorf("%s spool file %s is damaged at byte %d: %d records in it are lost", name,
                        segment.path, reader.offset(), lost);
            }
        }
    }

    /** Kafka has the record. */
    void ack(Spooled record) {
        if (record.segment() != null && record.segment().ack(record.ordinal())) {
            unacked.decrementAndGet();
        }
    }

    /** The record was not delivered; it waits to be sent again. False for one that never reached the disk: it is lost. */
    boolean release(Spooled record) {
        if (record.segment() == null) {
            return false;
        }
        record.segment().release(record.ordinal(), record.offset());
        released.incrementAndGet();
        return true;
    }

    /** Deletes the files whose records Kafka all has (the sender thread only). */
    void collect() {
        List<SpoolSegment> done = new ArrayList<>();
        synchronized (this) {
            segments.removeIf(segment -> segment.done() && done.add(segment));
        }
        for (var segment : done) {
            try {
                segment.delete();
                bytes.addAndGet(-segment.size());
            } catch (IOException e) {
                LOGGER.warnf("cannot delete the delivered %s spool file %s: %s", name, segment.path,
                        e.getMessage());
            }
        }
    }

    long bytes() {
        return bytes.get();
    }

    long maxBytes() {
        return maxBytes;
    }

    /** Records written and not known to be on Kafka. */
    long unacked() {
        return unacked.get();
    }

    /** Records waiting to be sent, none of them in the producer's hands. */
    boolean hasReleased() {
        return released.get() > 0;
    }

    Path dir() {
        return dir;
    }

    /** Syncs and closes; a head whose records Kafka all has is deleted, the rest waits for the next process. */
    @Override
    public void close() throws IOException {
        try {
            if (head != null) {
                head.seal();
            }
            collect();
            synchronized (this) {
                for (var segment : segments) {
                    segment.close();
                }
            }
        } finally {
            lock.release();
            lock.channel().close();
        }
    }

    /** A record in the spool, with what the producer needs to send it; no segment when the disk failed it. */
    record Spooled(SpoolSegment segment, int ordinal, long offset, byte[] key, byte[] value) {

        int size() {
            return SpoolSegment.RECORD_OVERHEAD + key.length + value.length;
        }
    }
}
