package io.tixing.dispatch;

import io.tixing.policy.ChannelType;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A claimed unit of outbox work: one reminder's channel list (FIRST_ALLOWED) or one channel of it (ALL). */
public record DispatchTask(long id, UUID reminderId, String borrowerId, List<String> channels, int channelIndex,
                           int retries, Instant dueAt) {

    public ChannelType channel() { return ChannelType.valueOf(channels.get(channelIndex)); }

    public boolean hasNextChannel() { return channelIndex + 1 < channels.size(); }
}
