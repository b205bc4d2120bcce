package io.tixing.template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * Holds the current catalog and swaps it when the folder changes. A bad edit (banned phrase,
 * syntax error…) is rejected and the last good catalog keeps serving; the error is kept for the
 * console. {@link #reloadIfChanged()} is cheap enough for a periodic job: it compares paths,
 * sizes and modification times, and only reads files when one of them moved.
 */
public final class ReloadingCatalog {

    private final Path dir;
    private final AtomicReference<TemplateCatalog> current = new AtomicReference<>();
    private volatile TemplateLoadException lastError;
    private volatile String seenFingerprint;

    /** Loads {@code dir} now; throws when the very first load fails (there is nothing good to keep yet). */
    public ReloadingCatalog(Path dir) {
        this.dir = dir;
        this.seenFingerprint = fingerprint();
        current.set(TemplateCatalog.load(dir));
    }

    public TemplateCatalog current() {
        return current.get();
    }

    /** The error of the last rejected reload, or null when the last reload succeeded. */
    public TemplateLoadException lastError() {
        return lastError;
    }

    public synchronized ReloadOutcome reload() {
        seenFingerprint = fingerprint();
        try {
            TemplateCatalog loaded = TemplateCatalog.load(dir);
            current.set(loaded);
            lastError = null;
            return new ReloadOutcome.Reloaded(loaded);
        } catch (TemplateLoadException e) {
            lastError = e;
            return new ReloadOutcome.Rejected(e, current.get());
        }
    }

    /**
     * Reloads when a file was added, removed, resized or touched since the last look. Returns true
     * when a new catalog became current; a rejected edit returns false and is not retried until the
     * folder changes again.
     */
    public synchronized boolean reloadIfChanged() {
        if (fingerprint().equals(seenFingerprint)) {
            return false;
        }
        return reload() instanceof ReloadOutcome.Reloaded;
    }

    private String fingerprint() {
        StringBuilder s = new StringBuilder();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted().toList()) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                if (a.isRegularFile()) {
                    s.append(dir.relativize(p)).append('|').append(a.size()).append('|')
                            .append(a.lastModifiedTime()).append('\n');
                }
            }
        } catch (IOException | UncheckedIOException e) {
            return "unreadable: " + e.getMessage(); // reload() then reports the folder error as a Rejected outcome
        }
        return Hashing.sha256Hex(s.toString());
    }
}
