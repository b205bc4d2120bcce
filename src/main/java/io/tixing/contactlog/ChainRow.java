package io.tixing.contactlog;

import io.tixing.db.Sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/** A stored contact-log row as the verifier sees it: the entry's fields plus its chain bookkeeping. */
record ChainRow(long seq, int chainId, long chainPos, LogEntry entry, String prevHash, String hash) {

    static final String COLUMNS = """
            seq, chain_id, chain_pos, at, zone, local_time, kind, borrower_id, loan_id, reminder_id, attempt_id, channel,
            destination_masked, template_key, template_version, content_hash, decision, reasons, rule_pack, provider_id,
            outcome, actor, detail, until, prev_hash, hash""";

    static ChainRow read(ResultSet rs) throws SQLException {
        LogEntry.Kind kind;
        try {
            kind = LogEntry.Kind.valueOf(rs.getString("kind"));
        } catch (IllegalArgumentException e) {
            kind = null; // an unknown kind cannot have been written by ContactLogWriter: reported as broken
        }
        LogEntry entry = kind == null ? null : new LogEntry(Sql.instant(rs, "at"), rs.getString("zone"), rs.getString("local_time"),
                kind, rs.getString("borrower_id"), rs.getString("loan_id"), rs.getObject("reminder_id", UUID.class),
                rs.getObject("attempt_id", UUID.class), rs.getString("channel"), rs.getString("destination_masked"),
                rs.getString("template_key"), rs.getString("template_version"), rs.getString("content_hash"),
                rs.getString("decision"), Sql.strings(rs, "reasons"), rs.getString("rule_pack"), rs.getString("provider_id"),
                rs.getString("outcome"), rs.getString("actor"), rs.getString("detail"), Sql.instant(rs, "until"));
        return new ChainRow(rs.getLong("seq"), rs.getInt("chain_id"), rs.getLong("chain_pos"), entry,
                rs.getString("prev_hash"), rs.getString("hash"));
    }

    /** The hash this row should carry given the hash it claims to follow, recomputed exactly as the writer does. */
    String expectedHash() {
        return entry == null ? null : ContactLogWriter.hash(prevHash, CanonicalEntry.of(chainId, chainPos, entry));
    }
}
