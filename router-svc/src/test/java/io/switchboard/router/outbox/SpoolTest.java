package io.switchboard.router.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.switchboard.router.outbox.Spool.Spooled;

/** The spool's files: what is written is read back after a restart, up to a crash's torn record, and then deleted. */
class SpoolTest {

    @TempDir
    Path dir;

    @Test
    void recordsNotAcknowledgedAreFoundAgainByTheNextProcess() throws IOException {
        // given: ten records across segments of 256 bytes, three of them acknowledged
        try (var spool = Spool.open(dir, "usage", 1 << 20, 256)) {
            var appended = spool.append(records(0, 10));
            appended.subList(0, 3).forEach(spool::ack);
            appended.subList(3, 10).forEach(spool::release);
            assertThat(spool.unacked()).isEqualTo(7);
        }

        // when: a new process opens the directory
        try (var spool = Spool.open(dir, "usage", 1 << 20, 256)) {
            var replayed = claimAll(spool);

            // then: every record not acknowledged comes back, once; acknowledged ones may come back too (same file)
            assertThat(values(replayed)).containsSubsequence(
                    IntStream.range(3, 10).mapToObj(i -> "value-" + i).toArray(String[]::new));
            assertThat(values(replayed)).doesNotHaveDuplicates();
            replayed.forEach(spool::ack);
            spool.collect();
            assertThat(spool.unacked()).isZero();
        }
        assertThat(segmentFiles()).as("delivered files are deleted, the empty head too").isEmpty();
    }

    @Test
    void aTornLastRecordIsCutOffAndTheRestKept() throws IOException {
        // given: a crash in the middle of writing the third record
        try (var spool = Spool.open(dir, "usage", 1 << 20, 1 << 20)) {
            spool.append(records(0, 3)).forEach(spool::release);
        }
        var file = segmentFiles().get(0);
        long size = Files.size(file);
        try (var channel = Files.newByteChannel(file, StandardOpenOption.WRITE)) {
            channel.truncate(size - 5);
        }

        // when
        try (var spool = Spool.open(dir, "usage", 1 << 20, 1 << 20)) {

            // then
            assertThat(values(claimAll(spool))).containsExactly("value-0", "value-1");
        }
    }

    @Test
    void aRecordWithAWrongChecksumEndsTheFile() throws IOException {
        try (var spool = Spool.open(dir, "usage", 1 << 20, 1 << 20)) {
            spool.append(records(0, 3)).forEach(spool::release);
        }
        var file = segmentFiles().get(0);
        var bytes = Files.readAllBytes(file);
        bytes[bytes.length - 2] ^= 0x7f;
        Files.write(file, bytes);

        try (var spool = Spool.open(dir, "usage", 1 << 20, 1 << 20)) {
            assertThat(values(claimAll(spool))).containsExactly("value-0", "value-1");
        }
    }

    @Test
    void aFullSpoolRefusesRecordsAndTakesThemAgainWhenDelivered() throws IOException {
        try (var spool = Spool.open(dir, "usage", 1024, 1024)) {
            // when: 60 records of ~26 bytes meet a bound of 1 KiB
            var appended = spool.append(records(0, 60));

            // then: the first ones are written, the rest refused
            long written = appended.stream().filter(record -> record != null).count();
            assertThat(written).isBetween(30L, 59L);
            assertThat(appended.subList((int) written, 60)).containsOnlyNulls();
            assertThat(spool.bytes()).isLessThanOrEqualTo(1024);

            // and once Kafka has them and their file is gone, there is room again
            appended.stream().filter(record -> record != null).forEach(spool::ack);
            spool.roll();
            spool.collect();
            assertThat(spool.append(records(60, 61))).doesNotContainNull();
        }
    }

    @Test
    void processesSharingTheDirectoryTakeSlotsAndAdoptWhatAGoneOneLeft() throws IOException {
        // given: two processes at once; the second stops with records Kafka does not have
        var first = Spool.open(dir, "usage", 1 << 20, 1 << 20);
        try (var second = Spool.open(dir, "usage", 1 << 20, 1 << 20)) {
            assertThat(second.dir()).isNotEqualTo(first.dir());
            second.append(records(0, 3)).forEach(second::release);
        }
        first.close();

        // when: the next process starts
        try (var next = Spool.open(dir, "usage", 1 << 20, 1 << 20)) {

            // then: it sends what the gone one left, though that was in another slot
            assertThat(values(claimAll(next))).containsExactly("value-0", "value-1", "value-2");
        }
    }

    private static List<byte[][]> records(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> new byte[][]{("user-" + i).getBytes(StandardCharsets.UTF_8),
                ("value-" + i).getBytes(StandardCharsets.UTF_8)}).toList();
    }

    private static List<Spooled> claimAll(Spool spool) {
        var claimed = new ArrayList<Spooled>();
        spool.claimReleased(() -> true, claimed::add);
        return claimed;
    }

    private static List<String> values(List<Spooled> records) {
        return records.stream().map(record -> new String(record.value(), StandardCharsets.UTF_8)).toList();
    }

    private List<Path> segmentFiles() throws IOException {
        try (var files = Files.walk(dir)) {
            return files.filter(path -> path.toString().endsWith(".spool")).sorted().toList();
        }
    }
}
