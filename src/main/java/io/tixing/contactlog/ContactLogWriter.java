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
     * prev_hash and hash), with a handful of statements instead of three per entry: each involved chain head is
     * reserved once (in chain_id order, so two batches never wait for each other in a cycle), the hashes are chained
     * in memory, the entries go in one JDBC batch and each head gets its last hash once.
     */
    public void appendAll(Connection c, List<LogEntry> entries) throws SQLException {
        if (entries.isEmpty()) return;
        Map<Integer, Integer> sizes = new TreeMap<>();
        for (LogEntry e : entries) sizes.merge(chainOf(e.borrowerId()), 1, Integer::sum);
        Map<Integer, Long> nextPos = new TreeMap<>();
        Map<Integer, String> prevHash = new TreeMap<>();
        try (var ps = c.prepareStatement("""
                INSERT INTO contact_log_chain (chain_id, length, last_hash) VALUES (?, ?, ?)
                ON CONFLICT (chain_id) DO UPDATE SET length = contact_log_chain.length + EXCLUDED.length
                RETURNING length, last_hash""")) {
            for (var size : sizes.entrySet()) {
                ps.setInt(1, size.getKey());
                ps.setLong(2, size.getValue());
                ps.setString(3, GENESIS);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    nextPos.put(size.getKey(), rs.getLong(1) - size.getValue() + 1);
                    prevHash.put(size.getKey(), rs.getString(2));
                }
            }
        }
        try (var ps = c.prepareStatement("""
                INSERT INTO contact_log (chain_id, chain_pos, at, zone, local_time, kind, borrower_id, loan_id, reminder_id,
                  attempt_id, channel, destination_masked, template_key, template_version, content_hash, decision, reasons,
                  rule_pack, provider_id, outcome, actor, detail, until, prev_hash, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            for (LogEntry entry : entries) {
                int chain = chainOf(entry.borrowerId());
                LogEntry e = withMicros(entry);
                long position = nextPos.merge(chain, 1L, Long::sum) - 1;
                String prev = prevHash.get(chain);
                String hash = hash(prev, CanonicalEntry.of(chain, position, e));
                prevHash.put(chain, hash);
                Object[] values = {chain, position, e.at(), e.zone(), e.localTime(), e.kind().name(), e.borrowerId(), e.loanId(),
                        e.reminderId(), e.attemptId(), e.channel(), e.destinationMasked(), e.templateKey(), e.templateVersion(),
                        e.contentHash(), e.decision(), Sql.textArray(c, e.reasons()), e.rulePack(), e.providerId(), e.outcome(),
                        e.actor(), e.detail(), e.until(), prev, hash};
                Sql.bind(ps, values);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (var ps = c.prepareStatement("UPDATE contact_log_chain SET last_hash = ? WHERE chain_id = ?")) {
            for (var head : prevHash.entrySet()) {
                ps.setString(1, head.getValue());
                ps.setInt(2, head.getKey());
                ps.addBatch();
            }
            ps.executeBatch();
        }
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
