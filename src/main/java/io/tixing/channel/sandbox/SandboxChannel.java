package io.tixing.channel.sandbox;

import io.tixing.channel.Channel;
import io.tixing.channel.OutboundMessage;
import io.tixing.channel.ProviderLookup;
import io.tixing.channel.SendResult;
import io.tixing.db.Database;
import io.tixing.db.Sql;
import io.tixing.policy.ChannelType;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

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

    /**
     * Concurrent sends share one insert and one commit (group commit): the first caller to find no flush running
     * writes everything queued by then, in one statement, and keeps going while more arrives; the others wait for it.
     * A real provider is an HTTP call per message; the sandbox must not be the bottleneck a provider is not.
     */
    @Override
    public SendResult send(OutboundMessage m) {
        var mine = new Pending(m, clock.instant(), new CompletableFuture<>());
        boolean lead;
        synchronized (queue) {
            queue.add(mine);
            lead = !flushing;
            if (lead) flushing = true;
        }
        if (lead) flushAll();
        String stored = mine.id().join();
        return new SendResult.Accepted(stored, type == ChannelType.VOICE ? "queued" : "sent");
    }

    private record Pending(OutboundMessage message, java.time.Instant receivedAt, CompletableFuture<String> id) {}

    private final List<Pending> queue = new ArrayList<>();
    private boolean flushing;

    private void flushAll() {
        while (true) {
            List<Pending> batch;
            synchronized (queue) {
                if (queue.isEmpty()) {
                    flushing = false;
                    return;
                }
                batch = new ArrayList<>(queue);
                queue.clear();
            }
            try {
                Map<UUID, String> ids = insert(batch);
                for (Pending p : batch) p.id().complete(ids.get(p.message().attemptId()));
            } catch (RuntimeException e) {
                for (Pending p : batch) p.id().completeExceptionally(e);
            } catch (Error e) {
                for (Pending p : batch) p.id().completeExceptionally(e);
                synchronized (queue) { flushing = false; }
                throw e;
            }
        }
    }

    /** Like a provider honouring an idempotency key: an attempt id already received keeps its first message id. */
    private Map<UUID, String> insert(List<Pending> batch) {
        int n = batch.size();
        List<String> ids = new ArrayList<>(n), attempts = new ArrayList<>(n), destinations = new ArrayList<>(n), locales = new ArrayList<>(n),
                subjects = new ArrayList<>(n), bodies = new ArrayList<>(n), htmls = new ArrayList<>(n), received = new ArrayList<>(n);
        for (Pending p : batch) {
            var m = p.message();
            ids.add("SB" + UUID.randomUUID().toString().replace("-", ""));
            attempts.add(m.attemptId().toString());
            destinations.add(m.destination());
            locales.add(m.message().locale());
            subjects.add(m.message().subject());
            bodies.add(m.message().text());
            htmls.add(m.message().html());
            received.add(p.receivedAt().toString());
        }
        return db.inTransaction(c -> {
            try (var ps = Sql.prepare(c, """
                    INSERT INTO sandbox_message (id, attempt_id, channel, destination, locale, subject, body, html, received_at)
                    SELECT id, attempt::uuid, ?, destination, locale, subject, body, html, received::timestamptz
                    FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                      AS t(id, attempt, destination, locale, subject, body, html, received)
                    ON CONFLICT (attempt_id) DO UPDATE SET attempt_id = EXCLUDED.attempt_id
                    RETURNING attempt_id, id""",
                    type.name(), Sql.textArray(c, ids), Sql.textArray(c, attempts), Sql.textArray(c, destinations),
                    Sql.textArray(c, locales), Sql.textArray(c, subjects), Sql.textArray(c, bodies), Sql.textArray(c, htmls),
                    Sql.textArray(c, received));
                 var rs = ps.executeQuery()) {
                Map<UUID, String> out = new HashMap<>();
                while (rs.next()) out.put(rs.getObject(1, UUID.class), rs.getString(2));
                return out;
            }
        });
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
