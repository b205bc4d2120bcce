package io.tixing.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

@ConfigMapping(prefix = "tixing.security")
public interface SecurityConfig {

    /** The bootstrap admin key. When unset, one is generated at first start and written to {@link #bootstrapKeyFile()}. */
    Optional<String> bootstrapAdminKey();

    /** Where a generated bootstrap admin key is written (readable by the user that runs the service only). */
    @WithDefault("data/bootstrap-admin-key")
    String bootstrapKeyFile();

    /** How long a verified key is trusted without asking the database again; a revocation takes effect within it. */
    @WithDefault("5s")
    java.time.Duration keyCacheTtl();
}
