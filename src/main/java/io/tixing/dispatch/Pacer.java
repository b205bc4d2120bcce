package io.tixing.dispatch;

import io.tixing.channel.ChannelRegistry;
import io.tixing.db.Sql;
import io.tixing.policy.ChannelType;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Spaces sends on a channel at 1/rate seconds across all instances: each send reserves the next free slot on the
 * channel's row in PostgreSQL (one short UPDATE in the decision transaction), so a wave never bursts above the
 * configured rate however many instances dispatch it.
 */
@ApplicationScoped
class Pacer {

    /** The slot reserved, or the instant to come back when the channel is booked beyond the allowed wait. */
    sealed interface Slot {
        record Reserved(Instant at) implements Slot {}

        record Busy(Instant retryAt) implements Slot {}
    }

    private final PacingConfig config;
    private final ChannelRegistry channels;

    Pacer(PacingConfig config, ChannelRegistry channels) {
        this.config = config;
        this.channels = channels;
    }

    Slot reserve(Connection c, ChannelType channel, Instant now) throws SQLException {
        double rate = switch (channel) {
            case SMS -> config.sms();
            case EMAIL -> config.email();
            case VOICE -> config.voice();
        };
        boolean sandbox = channels.forType(channel).mode().equals("sandbox");
        if (rate <= 0 || (sandbox && !config.sandbox())) return new Slot.Reserved(now);
        return reserve(c, channel, rate, now, config.maxWait());
    }

    /** Reserves the next slot on {@code channel}'s row at {@code rate}/s, unless it lies beyond {@code maxWait}. */
    static Slot reserve(Connection c, ChannelType channel, double rate, Instant now, java.time.Duration maxWait) throws SQLException {
        long stepMicros = Math.max(1, Math.round(1_000_000 / rate));
        try (var ps = Sql.prepare(c, """
                UPDATE channel_pace SET next_slot = greatest(next_slot, ?) + ? * interval '1 microsecond'
                WHERE channel = ? AND next_slot <= ?
                RETURNING next_slot - ? * interval '1 microsecond' AS slot""",
                now, stepMicros, channel.name(), now.plus(maxWait), stepMicros);
             var rs = ps.executeQuery()) {
            if (rs.next()) return new Slot.Reserved(Sql.instant(rs, "slot"));
        }
        try (var ps = Sql.prepare(c, "SELECT next_slot FROM channel_pace WHERE channel = ?", channel.name()); var rs = ps.executeQuery()) {
            rs.next();
            return new Slot.Busy(Sql.instant(rs, "next_slot").minus(maxWait));
        }
    }
}
