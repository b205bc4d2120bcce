package io.tixing.lender;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tixing.db.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;

/**
 * The lender-event outbox: an event is written in the transaction of the fact it reports, then delivered by
 * {@link LenderEventDelivery}. One event per fact ({@code dedup_key}), however many instances noticed it.
 */
@ApplicationScoped
public class LenderEvents {

    public static final String ESCALATE = "borrower.escalate";
    public static final String UNREACHABLE = "borrower.unreachable";
    public static final String PROMISE_TO_PAY = "borrower.promise_to_pay";
    public static final String HARDSHIP = "borrower.hardship_requested";
    /** The holder of a contact point said it is not the borrower's: the loan system should correct its data. */
    public static final String WRONG_NUMBER = "borrower.wrong_number";

    private final ObjectMapper json;
    private final LenderConfig config;

    public LenderEvents(ObjectMapper json, LenderConfig config) {
        this.json = json;
        this.config = config;
    }

    /** @return true when this call recorded the event, false when it already existed */
    public boolean record(Connection c, String type, String dedupKey, String client, Map<String, Object> payload, Instant now) throws SQLException {
        return record(c, type, dedupKey, client, payload, now, config.callbackUrl().filter(u -> !u.isBlank()).isPresent());
    }

    public boolean record(Connection c, String type, String dedupKey, String client, Map<String, Object> payload, Instant now, boolean deliverable)
            throws SQLException {
        String body;
        try {
            body = json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return Sql.update(c, """
                INSERT INTO lender_event (type, dedup_key, client, payload, status, next_attempt_at, created_at)
                VALUES (?, ?, ?, ?::jsonb, ?, ?, ?) ON CONFLICT (dedup_key) DO NOTHING""",
                type, dedupKey, client, body, deliverable ? "PENDING" : "UNDELIVERED_NO_URL", deliverable ? now : null, now) == 1;
    }
}
