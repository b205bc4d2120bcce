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
import java.util.Map;
import java.util.TreeMap;

/**
 * Appends entries to the hash-chained contact log inside the caller's transaction, so an entry exists
 * exactly when the state change it records does. Chains are partitioned by borrower: appends serialise
 * only on their chain's head row, not on the whole log.
 */
@ApplicationScoped
public class ContactLogWriter {

    /** Chain count is part of the data layout: never change it on a populated log. */
    public static final int CHAINS = 16;
    public static final String GENESIS = "0".repeat(64);

    public void append(Connection c, LogEntry entry) throws SQLException {
        int chain = chainOf(entry.borrowerId());
        LogEntry e = withMicros(entry);
        long position;
        String prev;
        // The head row is the chain's lock: held until commit, it orders appends within the chain.
        try (var ps = Sql.prepare(c, """
                INSERT INTO contact_log_chain (chain_id, length, last_hash) VALUES (?, 1, ?)
                ON CONFLICT (chain_id) DO UPDATE SET length = contact_log_chain.length + 1
                RETURNING length, last_hash""", chain, GENESIS);
             var rs = ps.executeQuery()) {
            rs.next();
            position = rs.getLong(1);
            prev = rs.getString(2);
        }
        String hash = hash(prev, CanonicalEntry.of(chain, position, e));
        Sql.update(c, """
                INSERT INTO contact_log (chain_id, chain_pos, at, zone, local_time, kind, borrower_id, loan_id, reminder_id,
                  attempt_id, channel, destination_masked, template_key, template_version, content_hash, decision, reasons,
                  rule_pack, provider_id, outcome, actor, detail, until, prev_hash, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                chain, position, e.at(), e.zone(), e.localTime(), e.kind().name(), e.borrowerId(), e.loanId(), e.reminderId(),
                e.attemptId(), e.channel(), e.destinationMasked(), e.templateKey(), e.templateVersion(), e.contentHash(),
                e.decision(), Sql.textArray(c, e.reasons()), e.rulePack(), e.providerId(), e.outcome(), e.actor(), e.detail(),
                e.until(), prev, hash);
        Sql.update(c, "UPDATE contact_log_chain SET last_hash = ? WHERE chain_id = ?", hash, chain);
    }

    /**
     * Appends {@code entries} in list order, exactly as that many {@link #append} calls would (same chains, positions,
     * prev_hash and hash), with three statements whatever the number of entries: every involved chain head is reserved
     * by one upsert (rows in chain_id order, so two batches never wait for each other in a cycle), the hashes are
     * chained in memory, the entries go in with one INSERT … SELECT FROM unnest(arrays) (in list order, so seq follows
     * it), and every head gets its last hash with one UPDATE … FROM unnest.
     */
    public void appendAll(Connection c, List<LogEntry> entries) throws SQLException {
        if (entries.isEmpty()) return;
        Map<Integer, Integer> sizes = new TreeMap<>();
        for (LogEntry e : entries) sizes.merge(chainOf(e.borrowerId()), 1, Integer::sum);
        Map<Integer, Long> nextPos = new TreeMap<>();
        Map<Integer, String> prevHash = new TreeMap<>();
        Integer[] chainIds = sizes.keySet().toArray(Integer[]::new);
        Long[] counts = new Long[chainIds.length];
        for (int i = 0; i < chainIds.length; i++) counts[i] = (long) sizes.get(chainIds[i]);
        try (var ps = Sql.prepare(c, """
                INSERT INTO contact_log_chain (chain_id, length, last_hash)
                SELECT id, n, ? FROM unnest(?::int[], ?::bigint[]) AS h(id, n) ORDER BY id
                ON CONFLICT (chain_id) DO UPDATE SET length = contact_log_chain.length + EXCLUDED.length
                RETURNING chain_id, length, last_hash""", GENESIS, c.createArrayOf("int4", chainIds), c.createArrayOf("int8", counts));
             var rs = ps.executeQuery()) {
            while (rs.next()) {
                int chain = rs.getInt(1);
                nextPos.put(chain, rs.getLong(2) - sizes.get(chain) + 1);
                prevHash.put(chain, rs.getString(3));
            }
        }
        if (nextPos.size() != sizes.size()) throw new IllegalStateException("chain heads not all reserved: " + nextPos.keySet());
        int n = entries.size();
        String[][] columns = new String[TEXT_COLUMNS][n];
        for (int i = 0; i < n; i++) {
            LogEntry entry = entries.get(i);
            int chain = chainOf(entry.borrowerId());
            LogEntry e = withMicros(entry);
            long position = nextPos.merge(chain, 1L, Long::sum) - 1;
            String prev = prevHash.get(chain);
            String hash = hash(prev, CanonicalEntry.of(chain, position, e));
            prevHash.put(chain, hash);
            String[] values = {Integer.toString(chain), Long.toString(position), e.at().toString(), e.zone(), e.localTime(),
                    e.kind().name(), e.borrowerId(), e.loanId(), e.reminderId() == null ? null : e.reminderId().toString(),
                    e.attemptId() == null ? null : e.attemptId().toString(), e.channel(), e.destinationMasked(), e.templateKey(),
                    e.templateVersion(), e.contentHash(), e.decision(), jsonArray(e.reasons()), e.rulePack(), e.providerId(),
                    e.outcome(), e.actor(), e.detail(), e.until() == null ? null : e.until().toString(), prev, hash};
            for (int k = 0; k < TEXT_COLUMNS; k++) columns[k][i] = values[k];
        }
        Object[] params = new Object[TEXT_COLUMNS];
        for (int k = 0; k < TEXT_COLUMNS; k++) params[k] = c.createArrayOf("text", columns[k]);
        // Reasons travel as a JSON array text per entry (arrays of arrays do not unnest row by row); '[]' gives '{}'.
        Sql.update(c, """
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
        Integer[] heads = prevHash.keySet().toArray(Integer[]::new);
        String[] lastHashes = prevHash.values().toArray(String[]::new);
        Sql.update(c, """
                UPDATE contact_log_chain h SET last_hash = u.last FROM unnest(?::int[], ?::text[]) AS u(id, last)
                WHERE h.chain_id = u.id""", c.createArrayOf("int4", heads), c.createArrayOf("text", lastHashes));
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

    /** Entries without a borrower (audit records) go to chain 0 with everyone whose id hashes there. */
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
