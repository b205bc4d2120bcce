package io.tixing.channel;

import io.tixing.channel.sandbox.SandboxChannel;
import io.tixing.db.Database;
import io.tixing.policy.ChannelType;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;

/** The channel used for each channel type, chosen once from configuration (sandbox unless told otherwise). */
@ApplicationScoped
public class ChannelRegistry {

    private final Map<ChannelType, Channel> channels = new EnumMap<>(ChannelType.class);

    public ChannelRegistry(ChannelConfig config, Database db, Clock clock) {
        for (ChannelType type : ChannelType.values()) {
            String mode = switch (type) {
                case SMS -> config.sms();
                case EMAIL -> config.email();
                case VOICE -> config.voice();
            };
            if (!mode.equals("sandbox")) {
                throw new IllegalStateException("tixing.channels." + type.name().toLowerCase() + "=" + mode
                        + ": live channels are not wired in this build; use sandbox");
            }
            channels.put(type, new SandboxChannel(type, db, clock));
        }
    }

    public Channel forType(ChannelType type) { return channels.get(type); }

    /** Tests swap a channel for one that misbehaves on purpose. */
    public void replace(Channel channel) { channels.put(channel.type(), channel); }
}
