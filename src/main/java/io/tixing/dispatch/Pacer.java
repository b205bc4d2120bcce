package io.tixing.dispatch;

import io.tixing.channel.ChannelRegistry;
import io.tixing.db.Sql;
import io.tixing.policy.ChannelType;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Spaces sends on a channel at 1/rate seconds across all instances: each send reserves the next free slot on the
 * channel's row in PostgreSQL (one row lock and one UPDATE per channel per batch, in the decision transaction), so a wave never bursts above the
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

    private double rateOf(ChannelType channel) {
        return switch (channel) {
            case SMS -> config.sms();
            case EMAIL -> config.email();
            case VOICE -> config.voice();
        };
    }

    /**
     * Reserves {@code count} consecutive slots on {@code channel} for one batch: one row lock and one UPDATE for the
     * whole batch. The first slots within {@code maxWait} are {@link Slot.Reserved}; the rest are {@link Slot.Busy}.
     */
    List<Slot> reserve(Connection c, ChannelType channel, int count, Instant now) throws SQLException {
        double rate = rateOf(channel);
        boolean sandbox = channels.forType(channel).mode().equals("sandbox");
        if (rate <= 0 || (sandbox && !config.sandbox())) return java.util.Collections.nCopies(count, new Slot.Reserved(now));
        return reserve(c, channel, rate, count, now, config.maxWait());
    }

    static List<Slot> reserve(Connection c, ChannelType channel, double rate, int count, Instant now, java.time.Duration maxWait)
            throws SQLException {
        long stepMicros = Math.max(1, Math.round(1_000_000 / rate));
        Instant next;
        try (var ps = Sql.prepare(c, "SELECT next_slot FROM channel_pace WHERE channel = ? FOR UPDATE", channel.name()); var rs = ps.executeQuery()) {
            rs.next();
            Instant stored = Sql.instant(rs, "next_slot");
            next = stored == null || stored.isBefore(now) ? now : stored; // -infinity reads as a long-past instant
        }
        Instant limit = now.plus(maxWait);
        List<Slot> out = new ArrayList<>(count);
        Instant slot = next;
        for (int i = 0; i < count && !slot.isAfter(limit); i++) {
            out.add(new Slot.Reserved(slot));
            slot = slot.plus(stepMicros, ChronoUnit.MICROS);
        }
        if (!out.isEmpty()) Sql.update(c, "UPDATE channel_pace SET next_slot = ? WHERE channel = ?", slot, channel.name());
        // come back when the next free slot is within the wait
        while (out.size() < count) out.add(new Slot.Busy(slot.minus(maxWait)));
        return out;
    }

    /** Reserves the next slot on {@code channel}'s row at {@code rate}/s, unless it lies beyond {@code maxWait}. */
    static Slot reserve(Connection c, ChannelType channel, double rate, Instant now, java.time.Duration maxWait) throws SQLException {
        return reserve(c, channel, rate, 1, now, maxWait).getFirst();
    }
}
