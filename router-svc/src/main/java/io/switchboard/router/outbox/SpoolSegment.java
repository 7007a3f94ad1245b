package io.switchboard.router.outbox;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.BitSet;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

/**
 * One file of the spool: a header, then records {@code [body length][CRC-32C of body][key length][key][value]}, appended
 * by the writer thread only. Which records Kafka has acknowledged, and which are being sent, is kept in memory: after a
 * restart every record of a surviving file is sent again (consumers deduplicate by event id).
 * <p>
 * Each record is in one of three states: claimed (a sender owns it), released (waiting to be sent), acknowledged. The
 * cursor is the first record that may be released; every released record lies at or after it.
 */
final class SpoolSegment {

    static final int HEADER = 8;
    static final int RECORD_OVERHEAD = 12;
    private static final int MAGIC = 0x53425553; // "SBUS"
    private static final int VERSION = 1;
    private static final int MAX_BODY = 16 * 1024 * 1024;

    final long seq;
    final Path path;
    private final FileChannel channel;
    private final long createdNanos = System.nanoTime();
    /** Bytes and records written; set by the writer after the bytes are in the file, read by any thread. */
    private volatile long size;
    private volatile int count;
    private volatile boolean sealed;

    private final BitSet claimed = new BitSet();
    private final BitSet acked = new BitSet();
    private int ackedCount;
    private int cursorOrdinal = -1;
    private long cursorOffset;

    private SpoolSegment(long seq, Path path, FileChannel channel, long size, int count) {
        this.seq = seq;
        this.path = path;
        this.channel = channel;
        this.size = size;
        this.count = count;
    }

    static Path pathOf(Path dir, String name, long seq) {
        return dir.resolve("%s-%016d.spool".formatted(name, seq));
    }

    static SpoolSegment create(Path dir, String name, long seq) throws IOException {
        var path = pathOf(dir, name, seq);
        var channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        channel.write(ByteBuffer.allocate(HEADER).putInt(MAGIC).putInt(VERSION).flip(), 0);
        return new SpoolSegment(seq, path, channel, HEADER, 0);
    }

    /**
     * Opens a file left by an earlier process, every record released. A torn or corrupt tail (a crash while writing)
     * is cut off; {@code onCut} hears how many bytes were.
     */
    static SpoolSegment recover(Path path, String name, long seq, Consumer<Long> onCut) throws IOException {
        var channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            var header = ByteBuffer.allocate(HEADER);
            channel.read(header, 0);
            if (header.flip().remaining() < HEADER || header.getInt() != MAGIC || header.getInt() != VERSION) {
                throw new IOException("not a " + name + " spool file of version " + VERSION + ": " + path);
            }
            var reader = new Reader(channel, HEADER, channel.size());
            int records = 0;
            while (reader.next() != null) {
                records++;
            }
            if (reader.offset() < channel.size()) {
                onCut.accept(channel.size() - reader.offset());
                channel.truncate(reader.offset());
            }
            var segment = new SpoolSegment(seq, path, channel, reader.offset(), records);
            segment.sealed = true;
            if (records > 0) {
                segment.cursorOrdinal = 0;
                segment.cursorOffset = HEADER;
            }
            return segment;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    static int encodedSize(byte[] key, byte[] value) {
        return RECORD_OVERHEAD + key.length + value.length;
    }

    static void encode(ByteBuffer into, byte[] key, byte[] value) {
        int body = 4 + key.length + value.length;
        var crc = new CRC32C();
        int bodyStart = into.position() + 8;
        into.putInt(body).putInt(0).putInt(key.length).put(key).put(value);
        crc.update(into.duplicate().position(bodyStart).limit(bodyStart + body));
        into.putInt(bodyStart - 4, (int) crc.getValue());
    }

    /** Writes encoded records (the writer thread only); they are claimed by the caller until released. */
    void append(ByteBuffer records, int recordCount) throws IOException {
        long at = size;
        while (records.hasRemaining()) {
            at += channel.write(records, at);
        }
        synchronized (this) {
            claimed.set(count, count + recordCount);
        }
        size = at;
        count += recordCount;
    }

    long size() {
        return size;
    }

    int count() {
        return count;
    }

    long ageNanos() {
        return System.nanoTime() - createdNanos;
    }

    /** No more records will be written to this file. */
    void seal() throws IOException {
        channel.force(false);
        sealed = true;
    }

    void force() throws IOException {
        channel.force(false);
    }

    /** Kafka has the record. Returns false if it had it before. */
    synchronized boolean ack(int ordinal) {
        claimed.clear(ordinal);
        if (acked.get(ordinal)) {
            return false;
        }
        acked.set(ordinal);
        ackedCount++;
        return true;
    }

    /** The record was not (or not surely) delivered: it waits for the sender again. */
    synchronized void release(int ordinal, long offset) {
        claimed.clear(ordinal);
        rewind(ordinal, offset);
    }

    /** Moves the cursor back to this record if it is further on. */
    synchronized void rewind(int ordinal, long offset) {
        if (cursorOrdinal < 0 || ordinal < cursorOrdinal) {
            cursorOrdinal = ordinal;
            cursorOffset = offset;
        }
    }

    /** Claims a released record; false when it is claimed or acknowledged. */
    synchronized boolean claim(int ordinal) {
        if (claimed.get(ordinal) || acked.get(ordinal)) {
            return false;
        }
        claimed.set(ordinal);
        return true;
    }

    /** Takes the cursor, {@code null} when no record of this file waits; released records found later set it again. */
    synchronized long[] takeCursor() {
        if (cursorOrdinal < 0) {
            return null;
        }
        var cursor = new long[]{cursorOrdinal, cursorOffset};
        cursorOrdinal = -1;
        return cursor;
    }

    /** Gives up the released records from this one on, unreadable where the file is damaged; returns how many. */
    synchronized int abandonFrom(int ordinal) {
        int abandoned = 0;
        for (int at = ordinal; at < count; at++) {
            if (!claimed.get(at) && !acked.get(at)) {
                acked.set(at);
                ackedCount++;
                abandoned++;
            }
        }
        return abandoned;
    }

    /** Sealed and every record acknowledged: the file can go. */
    synchronized boolean done() {
        return sealed && ackedCount == count;
    }

    synchronized int unacked() {
        return count - ackedCount;
    }

    Reader reader(long from) {
        return new Reader(channel, from, size);
    }

    void close() throws IOException {
        channel.close();
    }

    void delete() throws IOException {
        channel.close();
        Files.deleteIfExists(path);
    }

    /** One record read back: its key and value, and where it starts. */
    record Stored(long offset, byte[] key, byte[] value) {
    }

    /** Reads records in file order up to a limit, stopping at the first that is torn or fails its checksum. */
    static final class Reader {

        private final FileChannel channel;
        private final long limit;
        private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        private long offset;
        private long bufferStart;

        Reader(FileChannel channel, long from, long limit) {
            this.channel = channel;
            this.offset = from;
            this.limit = limit;
            this.bufferStart = from;
            buffer.limit(0);
        }

        long offset() {
            return offset;
        }

        /** Whether reading stopped before the limit: at a damaged record. */
        boolean stoppedEarly() {
            return offset < limit;
        }

        /** The next record, {@code null} at the end or at a damaged record. */
        Stored next() throws IOException {
            var head = bytes(offset, 8);
            if (head == null) {
                return null;
            }
            int body = head.getInt();
            int crc = head.getInt();
            if (body < 4 || body > MAX_BODY) {
                return null;
            }
            var content = bytes(offset + 8, body);
            if (content == null) {
                return null;
            }
            var check = new CRC32C();
            check.update(content.duplicate());
            int keyLength = content.getInt();
            if ((int) check.getValue() != crc || keyLength < 0 || keyLength > body - 4) {
                return null;
            }
            var key = new byte[keyLength];
            content.get(key);
            var value = new byte[body - 4 - keyLength];
            content.get(value);
            var stored = new Stored(offset, key, value);
            offset += 8 + body;
            return stored;
        }

        /** The {@code n} bytes at {@code at}; {@code null} past the limit. */
        private ByteBuffer bytes(long at, int n) throws IOException {
            if (at + n > limit) {
                return null;
            }
            int within = (int) (at - bufferStart);
            if (within >= 0 && within + n <= buffer.limit()) {
                return buffer.duplicate().position(within).limit(within + n).slice();
            }
            var target = n <= buffer.capacity() ? buffer : ByteBuffer.allocate(n);
            target.clear();
            target.limit((int) Math.min(target.capacity(), limit - at));
            long position = at;
            while (target.hasRemaining()) {
                int read = channel.read(target, position);
                if (read < 0) {
                    break;
                }
                position += read;
            }
            target.flip();
            if (target == buffer) {
                bufferStart = at;
            }
            return target.remaining() < n ? null : target.duplicate().limit(n).slice();
        }
    }
}
