package io.tixing.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "tixing.api")
public interface ApiConfig {

    /**
     * The {@code Retry-After} sent with a 503 while the database is unavailable: about how long the embedded
     * server or a failover needs to come back. Whole seconds; at least 1.
     */
    @WithDefault("5s")
    Duration outageRetryAfter();
}
