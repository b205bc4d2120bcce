package io.tixing.channel;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "tixing.channels")
public interface ChannelConfig {

    /**
     * {@code auto} (live when Twilio credentials are set, else sandbox), {@code sandbox} (records locally), or
     * {@code live} (start-up fails without credentials).
     */
    @WithDefault("auto")
    String sms();

    /** {@code auto}, {@code sandbox} or {@code live} (SMTP). */
    @WithDefault("auto")
    String email();

    /** {@code auto}, {@code sandbox} or {@code live} (Twilio Voice). */
    @WithDefault("auto")
    String voice();
}
