package io.tixing.security;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Makes sure an admin can sign in on a fresh machine: the configured bootstrap key, or a generated one
 * written to a file only the service's user can read (never to the log).
 */
@ApplicationScoped
public class BootstrapAdminKey {

    private static final Logger LOG = Logger.getLogger(BootstrapAdminKey.class);

    /** As long as the shortest key worth its name: 32 characters (generated keys have 73, issued ones 46). */
    public static final int MIN_LENGTH = 32;

    void onStart(@Observes @Priority(10) StartupEvent event, ApiKeys keys, SecurityConfig config) {
        keys.register("bootstrap-admin", Roles.ALL, choose(config), "bootstrap");
    }

    /** The configured key, else the key file's (generated on first start); refused when too short to be a secret. */
    static String choose(SecurityConfig config) {
        var configured = config.bootstrapAdminKey().filter(k -> !k.isBlank());
        if (configured.isPresent()) {
            return checked(configured.get().strip(), "tixing.security.bootstrap-admin-key (TIXING_SECURITY_BOOTSTRAP_ADMIN_KEY)",
                    "set a longer one, e.g. the output of: openssl rand -base64 32");
        }
        Path file = Path.of(config.bootstrapKeyFile());
        return checked(fromFile(file), "the bootstrap admin key in " + file.toAbsolutePath() + " (tixing.security.bootstrap-key-file)",
                "delete the file to have a new key generated, or write a longer one into it");
    }

    /**
     * A short admin key can be guessed, and a key of 8 characters or fewer would be shown whole by the key list
     * (which shows the first 8): refuse to start rather than run with it.
     */
    static String checked(String key, String source, String remedy) {
        if (key.length() < MIN_LENGTH) {
            throw new IllegalStateException("Refusing to start: " + source + " is " + key.length() + " characters long; an admin key must have at least "
                    + MIN_LENGTH + " characters. " + Character.toUpperCase(remedy.charAt(0)) + remedy.substring(1) + ".");
        }
        return key;
    }

    private static String fromFile(Path file) {
        try {
            if (Files.exists(file)) return Files.readString(file).strip();
            Files.createDirectories(file.toAbsolutePath().getParent());
            String key = "tx_admin_" + java.util.UUID.randomUUID().toString().replace("-", "")
                    + java.util.UUID.randomUUID().toString().replace("-", "");
            Files.writeString(file, key + "\n");
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: the file keeps the default permissions
            }
            LOG.infof("Generated a bootstrap admin API key in %s (read it with: cat %s)", file.toAbsolutePath(), file);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the bootstrap admin key file " + file, e);
        }
    }
}
