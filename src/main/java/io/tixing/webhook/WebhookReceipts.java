package io.tixing.webhook;

import io.tixing.db.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The one writer of {@code webhook_receipt}: which provider callbacks have already been applied. A receipt is
 * inserted in the transaction of the callback's effect, so the effect and its receipt commit together; a second
 * delivery of the same callback (a replay, or the provider retrying) finds the receipt and changes nothing.
 * Concurrent duplicates serialise on the primary key: the second waits for the first to commit, then sees it.
 */
@ApplicationScoped
class WebhookReceipts {

    enum Kind { INBOUND_SMS, STATUS, VOICE_STEP }

    /** @return true the first time this (kind, provider id, event) is seen; false for a replay (nothing written) */
    boolean firstTime(Connection c, Kind kind, String providerId, String event, Instant providerAt, Instant receivedAt) throws SQLException {
        return Sql.update(c, """
                INSERT INTO webhook_receipt (kind, provider_id, event, provider_at, received_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT DO NOTHING""", kind.name(), providerId, event == null ? "" : event, providerAt, receivedAt) == 1;
    }

    /**
     * Twilio's {@code Timestamp} parameter (RFC 1123, e.g. {@code Mon, 16 Aug 2010 03:45:01 +0000}), which voice
     * status callbacks carry; messaging webhooks carry none, and then the receipt time orders the event.
     */
    static Instant providerTime(String timestamp) {
        if (timestamp == null || timestamp.isBlank()) return null;
        try {
            return ZonedDateTime.parse(timestamp.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
