package io.tixing.channel;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Which SMS provider carries which destination, and when a provider counts as down. */
@ConfigMapping(prefix = "tixing.sms")
public interface SmsRoutingConfig {

    /**
     * Routes by E.164 prefix, longest prefix first: {@code prefix=primary[,secondary]} separated by {@code ;}, {@code *}
     * for every other number. Providers: {@code aliyun}, {@code twilio}. A provider without credentials is left out
     * of every route.
     */
    @WithDefault("+86=aliyun,twilio; *=twilio")
    String routes();

    Circuit circuit();

    /** SmallRye Fault Tolerance circuit breaker per provider. */
    interface Circuit {
        /** Calls looked at (rolling window). */
        @WithDefault("4")
        int requestVolume();

        /** Share of failures (5xx, timeouts) in the window that opens the circuit. */
        @WithDefault("0.5")
        double failureRatio();

        /** How long an open circuit sends nothing to the provider before one trial call. */
        @WithDefault("30s")
        Duration delay();
    }
}
