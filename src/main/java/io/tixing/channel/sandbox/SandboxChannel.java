package io.tixing.channel.sandbox;

import io.tixing.channel.Channel;
import io.tixing.channel.OutboundMessage;
import io.tixing.channel.ProviderLookup;
import io.tixing.channel.SendResult;
import io.tixing.db.Database;
import io.tixing.db.Sql;
import io.tixing.policy.ChannelType;

import java.time.Clock;
import java.util.UUID;

/**
 * A local stand-in provider for runs without credentials: it records the rendered message in its own table
 * (its "inbox", listed at {@code GET /api/v1/sandbox/messages}) and answers like a provider, with an id.
 * Like a provider honouring an idempotency key, it accepts each attempt id once.
 */
public final class SandboxChannel implements Channel {

    private final ChannelType type;
    private final Database db;
    private final Clock clock;

    public SandboxChannel(ChannelType type, Database db, Clock clock) {
        this.type = type;
        this.db = db;
        this.clock = clock;
    }

    @Override
    public ChannelType type() { return type; }

    @Override
    public String mode() { return "sandbox"; }

    @Override
    public SendResult send(OutboundMessage m) {
        String id = "SB" + UUID.randomUUID().toString().replace("-", "");
        var rendered = m.message();
        String stored = db.inTransaction(c -> {
            try (var ps = Sql.prepare(c, """
                    INSERT INTO sandbox_message (id, attempt_id, channel, destination, locale, subject, body, html, received_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (attempt_id) DO UPDATE SET attempt_id = EXCLUDED.attempt_id
                    RETURNING id""",
                    id, m.attemptId(), type.name(), m.destination(), rendered.locale(), rendered.subject(), rendered.text(),
                    rendered.html(), clock.instant());
                 var rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        });
        return new SendResult.Accepted(stored, type == ChannelType.VOICE ? "queued" : "sent");
    }

    @Override
    public ProviderLookup lookup(UUID attemptId) {
        return db.read(c -> {
            try (var ps = Sql.prepare(c, "SELECT id FROM sandbox_message WHERE attempt_id = ?", attemptId); var rs = ps.executeQuery()) {
                return rs.next() ? new ProviderLookup.Found(rs.getString(1), "sent") : new ProviderLookup.NotFound();
            }
        });
    }
}
