package io.tixing.contactlog;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The anchor folder: one new file per anchor, never rewritten. A file is written under a temporary name,
 * fsync'd, then linked to its final name (a hard link fails if the name exists, where a rename would silently
 * replace it) and the folder fsync'd, so a crash leaves either no anchor or a complete one.
 */
@ApplicationScoped
public class AnchorStore {

    private static final Pattern NAME = Pattern.compile("anchor-(\\d{12})\\.json");

    private final Path dir;
    private final AnchorKey key;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public AnchorStore(ContactLogConfig config) {
        this.dir = Path.of(config.anchorDir());
        this.key = AnchorKey.loadOrCreate(Path.of(config.anchorKeyFile()));
    }

    /** An anchor read back from the folder, and whether its signature (and file name) check out. */
    public record Stored(Path file, Anchor anchor, boolean signatureOk, String problem) {}

    /** What verification compares against: the newest anchor that checks out, and every newer one that did not. */
    public record Newest(Stored valid, List<Stored> rejected) {}

    String keyFingerprint() { return key.fingerprint(); }

    /** Signs {@code unsigned} (its seq is replaced by the next free one) and writes it; returns the stored anchor. */
    public Stored write(Anchor unsigned) {
        try {
            Files.createDirectories(dir);
            long seq = highestSeq() + 1;
            while (true) {
                Anchor anchor = new Anchor(Anchor.FORMAT, seq, unsigned.at(), key.fingerprint(), unsigned.chains(), null);
                anchor = anchor.signedWith(key.sign(anchor.payload()));
                Path target = dir.resolve(String.format("anchor-%012d.json", seq));
                Path temp = dir.resolve(".tmp-" + seq + "-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
                try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                    ch.write(java.nio.ByteBuffer.wrap(json.writerWithDefaultPrettyPrinter().writeValueAsBytes(anchor)));
                    ch.force(true);
                }
                try {
                    Files.createLink(target, temp);
                } catch (FileAlreadyExistsException taken) {
                    seq++; // another instance wrote this number first: sign again with the next one
                    continue;
                } finally {
                    Files.deleteIfExists(temp);
                }
                fsyncDirectory();
                return new Stored(target, anchor, true, null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write an anchor into " + dir, e);
        }
    }

    String toJson(Anchor anchor) {
        try {
            return json.writeValueAsString(anchor);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Newest first: the first anchor that checks out, and every newer file that did not (tampered, unreadable). */
    public Newest newest() {
        List<Stored> rejected = new ArrayList<>();
        for (Path file : files()) {
            Stored s = read(file);
            if (s.signatureOk()) return new Newest(s, rejected);
            rejected.add(s);
        }
        return new Newest(null, rejected);
    }

    Stored read(Path file) {
        Anchor anchor;
        try {
            anchor = json.readValue(file.toFile(), Anchor.class);
        } catch (IOException | RuntimeException e) {
            return new Stored(file, null, false, "anchor file is unreadable: " + e.getClass().getSimpleName());
        }
        Matcher m = NAME.matcher(file.getFileName().toString());
        if (!Anchor.FORMAT.equals(anchor.format()) || anchor.chains() == null || anchor.at() == null) {
            return new Stored(file, anchor, false, "anchor file is not in format " + Anchor.FORMAT);
        }
        if (!key.valid(anchor.payload(), anchor.signature())) {
            return new Stored(file, anchor, false, "anchor signature is invalid (changed after signing, or signed with another key)");
        }
        if (!m.matches() || Long.parseLong(m.group(1)) != anchor.seq()) {
            return new Stored(file, anchor, false, "anchor file name does not match its signed number " + anchor.seq());
        }
        return new Stored(file, anchor, true, null);
    }

    /** Anchor files, newest (highest number) first. */
    List<Path> files() {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> NAME.matcher(p.getFileName().toString()).matches())
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the anchor folder " + dir, e);
        }
    }

    private long highestSeq() {
        List<Path> files = files();
        if (files.isEmpty()) return 0;
        Matcher m = NAME.matcher(files.getFirst().getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(1)) : 0;
    }

    private void fsyncDirectory() {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // some file systems cannot fsync a directory; the file itself is already on disk
        }
    }
}
