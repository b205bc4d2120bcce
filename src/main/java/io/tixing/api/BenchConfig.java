package io.tixing.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Benchmark-only switches: off in every real deployment. */
@ConfigMapping(prefix = "tixing.bench")
public interface BenchConfig {

    /** {@code POST /api/v1/noop} (authentication and JSON binding only, then 202) for bench/intake/run.sh; 404 when off. */
    @WithDefault("false")
    boolean noopEnabled();
}
