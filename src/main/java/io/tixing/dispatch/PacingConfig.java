package io.tixing.dispatch;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Send rates per channel, shared by all instances (Twilio's account default for calls is 1 per second). */
@ConfigMapping(prefix = "tixing.pacing")
public interface PacingConfig {

    /** SMS per second; 0 = unpaced. */
    @WithDefault("10")
    double sms();

    /** Emails per second; 0 = unpaced. */
    @WithDefault("20")
    double email();

    /** Calls per second; 0 = unpaced. */
    @WithDefault("1")
    double voice();

    /** Pace sandbox channels too (off: the local recorder has no provider limit to respect). */
    @WithDefault("false")
    boolean sandbox();

    /** A send waits at most this long for its slot; beyond, the task is put back until its slot comes. */
    @WithDefault("2s")
    Duration maxWait();
}
