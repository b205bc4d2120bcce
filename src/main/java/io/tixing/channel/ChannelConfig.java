package io.tixing.channel;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "tixing.channels")
public interface ChannelConfig {

    /** {@code sandbox} (records locally, the default on a fresh machine) or {@code live} (Twilio). */
    @WithDefault("sandbox")
    String sms();

    /** {@code sandbox} or {@code live} (SMTP). */
    @WithDefault("sandbox")
    String email();

    /** {@code sandbox} or {@code live} (Twilio Voice). */
    @WithDefault("sandbox")
    String voice();
}
