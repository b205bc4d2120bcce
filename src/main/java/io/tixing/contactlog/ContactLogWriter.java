package io.tixing.contactlog;

import io.tixing.db.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;

/**
 * Appends entries to the hash-chained contact log inside the caller's transaction, so an entry exists
 * exactly when the state change it records does. There are {@link #CHAINS} chains; each call appends all its
 * entries to one of them, holding that chain's head row until commit. The chain is the first of the caller's
 * preferred chain and the ones after it that no other transaction is appending to ({@code FOR UPDATE SKIP LOCKED}),
 * so concurrent transactions (two dispatch batches, an intake chunk, a webhook) write side by side instead of
 * queueing on shared heads; only when every chain is busy does a call wait, and then it holds no chain itself.
 */
@ApplicationScoped
public class ContactLogWriter {

    /** Chain count is part of the data layout: never change it on a populated log. */
    public static final int CHAINS = 16;
    public static final String GENESIS = "0".repeat(64);

    public void append(Connection c, LogEntry entry) throws SQLException {
        appendAll(c, List.of(entry));
    }

    /**
     * Appends {@code entries} in list order to one chain with two statements whatever their number: the chain head is
     * taken (see the class comment), the hashes are chained in memory, the entries go in with one INSERT … SELECT FROM
     * unnest(arrays) (in list order, so seq follows it), and the head gets its new length and last hash in the same statement.
     */
    public void appendAll(Connection c, List<LogEntry> entries) throws SQLException {
        if (entries.isEmpty()) return;
        Head head = take(c, chainOf(entries.get(0).borrowerId()));
        int chain = head.chain();
        long position = head.length();
        String prev = head.lastHash();
        int n = entries.size();
        String[][] columns = new String[TEXT_COLUMNS][n];
        for (int i = 0; i < n; i++) {
            LogEntry e = withMicros(entries.get(i));
            position++;
            String hash = hash(prev, CanonicalEntry.of(chain, position, e));
            String[] values = {Integer.toString(chain), Long.toString(position), e.at().toString(), e.zone(), e.localTime(),
                    e.kind().name(), e.borrowerId(), e.loanId(), e.reminderId() == null ? null : e.reminderId().toString(),
                    e.attemptId() == null ? null : e.attemptId().toString(), e.channel(), e.destinationMasked(), e.templateKey(),
                    e.templateVersion(), e.contentHash(), e.decision(), jsonArray(e.reasons()), e.rulePack(), e.providerId(),
                    e.outcome(), e.actor(), e.detail(), e.until() == null ? null : e.until().toString(), prev, hash};
            for (int k = 0; k < TEXT_COLUMNS; k++) columns[k][i] = values[k];
            prev = hash;
        }
        Object[] params = new Object[TEXT_COLUMNS + 3];
        params[0] = position;
        params[1] = prev;
        params[2] = chain;
        for (int k = 0; k < TEXT_COLUMNS; k++) params[k + 3] = c.createArrayOf("text", columns[k]);
        // One round trip: the head's new length and last hash go in with the entries (a data-modifying CTE; the two do not
        // read each other). Reasons travel as a JSON array text per entry (arrays of arrays do not unnest row by row).
        Sql.update(c, """
                WITH head AS (UPDATE contact_log_chain SET length = ?, last_hash = ? WHERE chain_id = ?)
                INSERT INTO contact_log (chain_id, chain_pos, at, zone, local_time, kind, borrower_id, loan_id, reminder_id,
                  attempt_id, channel, destination_masked, template_key, template_version, content_hash, decision, reasons,
                  rule_pack, provider_id, outcome, actor, detail, until, prev_hash, hash)
                SELECT ch::int, pos::bigint, at::timestamptz, zone, lt, kind, bo, lo, re::uuid, att::uuid, chan, dm, tk, tv, chash,
                  dec, ARRAY(SELECT jsonb_array_elements_text(rs::jsonb)), rp, pid, oc, act, det, un::timestamptz, ph, h
                FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                            ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                            ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                  WITH ORDINALITY AS u(ch, pos, at, zone, lt, kind, bo, lo, re, att, chan, dm, tk, tv, chash, dec, rs, rp, pid, oc,
                                       act, det, un, ph, h, ord)
                ORDER BY ord""", params);
    }

    private record Head(int chain, long length, String lastHash) {}

    /**
     * Locks a chain head for this transaction: the first of {@code preferred} and the chains after it (wrapping) that no
     * other transaction holds; one this transaction holds already counts as free. When all are busy, waits for
     * {@code preferred} (holding no head itself, so such waits never form a cycle).
     */
    private static Head take(Connection c, int preferred) throws SQLException {
        try (var ps = Sql.prepare(c, """
                SELECT chain_id, length, last_hash FROM contact_log_chain
                ORDER BY (chain_id - ? + ?) % ? LIMIT 1 FOR UPDATE SKIP LOCKED""", preferred, CHAINS, CHAINS);
             var rs = ps.executeQuery()) {
            if (rs.next()) return new Head(rs.getInt(1), rs.getLong(2), rs.getString(3));
        }
        try (var ps = Sql.prepare(c, "SELECT chain_id, length, last_hash FROM contact_log_chain WHERE chain_id = ? FOR UPDATE", preferred);
             var rs = ps.executeQuery()) {
            if (!rs.next()) throw new IllegalStateException("contact-log chain head " + preferred + " is missing (migration V22 creates all 16)");
            return new Head(rs.getInt(1), rs.getLong(2), rs.getString(3));
        }
    }

    private static final int TEXT_COLUMNS = 25;

    /** A JSON array of strings, for the reasons column of {@link #appendAll}. */
    static String jsonArray(List<String> values) {
        StringBuilder out = new StringBuilder(2 + values.size() * 16).append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) out.append(',');
            out.append('"');
            String v = values.get(i);
            for (int j = 0; j < v.length(); j++) {
                char ch = v.charAt(j);
                switch (ch) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    default -> {
                        if (ch < 0x20) out.append(String.format("\\u%04x", (int) ch));
                        else out.append(ch);
                    }
                }
            }
            out.append('"');
        }
        return out.append(']').toString();
    }

    /**
     * The chain an append prefers: its first entry's borrower's (entries without a borrower, audit records, prefer 0). An
     * append goes there unless another transaction is appending to it at the same moment.
     */
    public static int chainOf(String borrowerId) {
        return borrowerId == null ? 0 : Math.floorMod(borrowerId.hashCode(), CHAINS);
    }

    static String hash(String previousHash, String canonical) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(previousHash.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
            return HexFormat.of().formatHex(sha.digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** PostgreSQL keeps microseconds: hash exactly what is stored, or verification would fail. */
    private static LogEntry withMicros(LogEntry e) {
        return new LogEntry(e.at().truncatedTo(ChronoUnit.MICROS), e.zone(), e.localTime(), e.kind(), e.borrowerId(), e.loanId(),
                e.reminderId(), e.attemptId(), e.channel(), e.destinationMasked(), e.templateKey(), e.templateVersion(),
                e.contentHash(), e.decision(), e.reasons(), e.rulePack(), e.providerId(), e.outcome(), e.actor(), e.detail(),
                e.until() == null ? null : e.until().truncatedTo(ChronoUnit.MICROS));
    }
}
