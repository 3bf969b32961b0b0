package dev.portico.invitations.service;

import dev.portico.invitations.config.InvitationConfig;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What this process's senders did, appended to a local file the moment it happens, for the process that comes
 * after a crash. {@code C <id> <attempt>} once an attempt is claimed; {@code A <id> <attempt> <epoch ms>} the
 * moment the mail server accepted that attempt's mail, before the outcome is committed to the database. A {@code kill -9}
 * loses the outcomes not yet committed, but a write to a file is in the kernel's hands at once; the next process
 * reads back the journals of processes that died ({@link #orphans()}: files whose owner's lock is gone) and
 * settles their attempts: accepted ones are recorded SENT instead of going out a second time after their lease,
 * claimed ones without acceptance are due again at once instead of after their lease.
 * <p>
 * One file per process ({@code <database>-<uuid>.journal}, locked while the process lives), rotated past
 * {@link InvitationConfig.Delivery#journalSegmentBytes()}; a segment is deleted once every attempt in it is
 * settled. Without a writable directory the journal is off and the lease alone settles what a crash left.
 */
@ApplicationScoped
public class DeliveryJournal {

    private static final String SUFFIX = ".journal";

    @Inject
    InvitationConfig config;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url", defaultValue = "")
    String databaseUrl;

    @ConfigProperty(name = "portico.schema", defaultValue = "")
    String schema;

    private final Object rotation = new Object();
    private volatile Segment current;
    private volatile boolean off;

    /** One attempt a dead process left behind: claimed, and maybe accepted by the mail server (when: null if not). */
    public record Attempt(UUID id, int attempt, Instant acceptedAt) {

        public boolean accepted() {
            return acceptedAt != null;
        }
    }

    /** A dead process's journal: its attempts, and the file to delete once they are settled. */
    public static final class Orphan {

        private final Path path;
        private final FileChannel channel;
        private final List<Attempt> attempts;

        Orphan(Path path, FileChannel channel, List<Attempt> attempts) {
            this.path = path;
            this.channel = channel;
            this.attempts = attempts;
        }

        public List<Attempt> attempts() {
            return attempts;
        }

        public Path path() {
            return path;
        }

        /** Its attempts are settled in the database: the file goes. */
        public void settled() {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                Log.warnf("Delivery journal %s is settled but stays: %s", path, e.toString());
            } finally {
                close(channel);
            }
        }

        /** Not settled now: the file stays, for the next try. */
        public void keep() {
            close(channel);
        }
    }

    /** One file of this process's journal; its attempts still open keep it from being deleted. */
    public final class Segment {

        private final Path path;
        private final FileChannel channel;
        private final AtomicInteger open = new AtomicInteger();
        private final AtomicLong size = new AtomicLong();
        private volatile boolean retired;

        private Segment(Path path, FileChannel channel) {
            this.path = path;
            this.channel = channel;
        }

        /** The mail server accepted this attempt's mail at {@code at}: written before anything else happens. */
        public void accepted(UUID id, int attempt, Instant at) {
            write(this, "A " + id + " " + attempt + " " + at.toEpochMilli() + "\n");
        }

        /** This attempt's outcome is committed (or it was handed back unsent): the journal may forget it. */
        public void settle() {
            if (open.decrementAndGet() == 0 && retired) {
                delete(this);
            }
        }
    }

    /**
     * Records claimed attempts (ids with their attempt numbers) and returns the segment they are in, whose
     * {@link Segment#accepted} and {@link Segment#settle} follow each one; null when the journal is off.
     */
    public Segment claimed(Map<UUID, Integer> attempts) {
        Segment segment = segment();
        if (segment == null || attempts.isEmpty()) {
            return null;
        }
        StringBuilder lines = new StringBuilder(attempts.size() * 42);
        attempts.forEach((id, attempt) -> lines.append("C ").append(id).append(' ').append(attempt).append('\n'));
        segment.open.addAndGet(attempts.size());
        write(segment, lines.toString());
        return segment;
    }

    /**
     * The journals of processes that died (this database's; files nobody holds a lock on), each locked by this
     * process until it calls {@link Orphan#settled()} or {@link Orphan#keep()}.
     */
    public List<Orphan> orphans() {
        Path dir = directory();
        List<Orphan> found = new ArrayList<>();
        if (off || !Files.isDirectory(dir)) {
            return found;
        }
        Segment mine = current;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, prefix() + "-*" + SUFFIX)) {
            for (Path file : files) {
                if (mine != null && file.equals(mine.path)) {
                    continue;
                }
                Orphan orphan = open(file);
                if (orphan != null) {
                    found.add(orphan);
                }
            }
        } catch (IOException e) {
            Log.warnf("Delivery journals in %s cannot be read: %s", dir, e.toString());
        }
        return found;
    }

    /** At shutdown: the current segment is deleted if every attempt in it is settled, else kept for the next start. */
    public void close() {
        synchronized (rotation) {
            Segment segment = current;
            current = null;
            off = true;
            if (segment != null) {
                segment.retired = true;
                if (segment.open.get() == 0) {
                    delete(segment);
                } else {
                    close(segment.channel);
                }
            }
        }
    }

    private Segment segment() {
        Segment segment = current;
        if (off || segment != null && segment.size.get() < config.delivery().journalSegmentBytes()) {
            return segment;
        }
        synchronized (rotation) {
            if (off) {
                return null;
            }
            segment = current;
            if (segment != null && segment.size.get() < config.delivery().journalSegmentBytes()) {
                return segment;
            }
            Segment next = create();
            if (segment != null) {
                segment.retired = true;
                if (segment.open.get() == 0) {
                    delete(segment);
                }
            }
            current = next;
            return next;
        }
    }

    private Segment create() {
        Path dir = directory();
        Path path = dir.resolve(prefix() + "-" + UUID.randomUUID() + SUFFIX);
        try {
            Files.createDirectories(dir);
            FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            channel.lock(); // held until the channel closes or the process ends, however it ends
            return new Segment(path, channel);
        } catch (IOException | RuntimeException e) {
            turnOff("cannot be created in " + dir, e);
            return null;
        }
    }

    private void write(Segment segment, String lines) {
        if (segment == null) {
            return;
        }
        ByteBuffer bytes = ByteBuffer.wrap(lines.getBytes(StandardCharsets.US_ASCII));
        try {
            while (bytes.hasRemaining()) {
                segment.size.addAndGet(segment.channel.write(bytes));
            }
        } catch (IOException e) {
            turnOff("cannot be written (" + segment.path + ")", e);
        }
    }

    private void delete(Segment segment) {
        try {
            Files.deleteIfExists(segment.path);
        } catch (IOException e) {
            Log.warnf("Delivery journal %s is settled but stays: %s", segment.path, e.toString());
        } finally {
            close(segment.channel);
        }
    }

    private Orphan open(Path file) {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // this process holds it
            }
            if (lock == null) {
                close(channel);
                return null; // its process is alive
            }
            return new Orphan(file, channel, read(file));
        } catch (IOException e) {
            close(channel);
            Log.warnf("Delivery journal %s cannot be read: %s", file, e.toString());
            return null;
        }
    }

    /** The attempts of a journal, the last claim of each invitation counting; unreadable lines are skipped. */
    static List<Attempt> read(Path file) throws IOException {
        Map<UUID, Attempt> attempts = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
            String[] parts = line.split(" ");
            boolean claim = parts[0].equals("C") && parts.length == 3;
            if (!claim && !(parts[0].equals("A") && parts.length == 4)) {
                continue; // a line cut short by the crash
            }
            try {
                UUID id = UUID.fromString(parts[1]);
                int attempt = Integer.parseInt(parts[2]);
                attempts.put(id, new Attempt(id, attempt, claim ? null : Instant.ofEpochMilli(Long.parseLong(parts[3]))));
            } catch (IllegalArgumentException e) {
                // a line cut short by the crash
            }
        }
        return new ArrayList<>(attempts.values());
    }

    private void turnOff(String why, Exception e) {
        if (!off) {
            off = true;
            Log.warnf("The delivery journal %s: %s. Until a restart, what a crash leaves unrecorded is settled by "
                    + "the send lease alone (a mail accepted unrecorded goes out again after it)", why, e.toString());
        }
    }

    /** Where the journals live. */
    public Path directory() {
        return config.delivery().journalDir().map(Path::of)
                .orElseGet(() -> Path.of(System.getProperty("java.io.tmpdir"), "portico-invitations"));
    }

    /**
     * How this database's journal files begin ({@code <prefix>-<uuid>.journal}): journals belong to one database,
     * and a process on another one must not settle (and delete) them.
     */
    public String prefix() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((databaseUrl + "|" + schema).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void close(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing left to do with it
            }
        }
    }
}
