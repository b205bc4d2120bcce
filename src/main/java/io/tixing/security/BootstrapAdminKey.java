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

    void onStart(@Observes @Priority(10) StartupEvent event, ApiKeys keys, SecurityConfig config) {
        String key = config.bootstrapAdminKey().filter(k -> !k.isBlank()).orElseGet(() -> fromFile(Path.of(config.bootstrapKeyFile())));
        keys.register("bootstrap-admin", Roles.ALL, key, "bootstrap");
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
