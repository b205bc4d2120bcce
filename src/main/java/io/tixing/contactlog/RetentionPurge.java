package io.tixing.contactlog;

import io.quarkus.scheduler.Scheduled;
import io.tixing.db.Database;
import io.tixing.db.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Deletes contact-log entries past their rule pack's retention, prefix-only per chain, so what remains is still
 * one verifiable chain: first a signed checkpoint for the last entry to go, then the owner-side function
 * {@code contact_log_purge_prefix} (the app role cannot DELETE), then an AUDIT entry describing the purge.
 */
@ApplicationScoped
public class RetentionPurge {

    private static final Logger LOG = Logger.getLogger(RetentionPurge.class);

    private final Database db;
    private final CheckpointSigner signer;
    private final RetentionPolicy policy;
    private final ComplianceAudit audit;
    private final Clock clock;
    private final RawDataBeforePurge rawData;
    private final DerivedBeforePurge derived;

    public RetentionPurge(Database db, CheckpointSigner signer, RetentionPolicy policy, ComplianceAudit audit, Clock clock,
                          RawDataBeforePurge rawData, DerivedBeforePurge derived) {
        this.db = db;
        this.signer = signer;
        this.policy = policy;
        this.audit = audit;
        this.clock = clock;
        this.rawData = rawData;
        this.derived = derived;
    }

    /** One chain's purge: positions {@code fromPos..upToPos} deleted, vouched for by the checkpoint hash. */
    public record Purged(int chainId, long fromPos, long upToPos, long deleted, Instant cutoff, String checkpointHash) {}

    @Scheduled(identity = "contact-log-purge", cron = "${tixing.contact-log.purge-cron:0 0 4 * * ?}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() { purge(null); }

    /**
     * Purges every chain, or only {@code onlyChain}; returns what went. A full run first redacts the raw personal
     * data past retention (while the log entries that date it still exist), recorded as an AUDIT entry (REDACT).
     */
    public List<Purged> purge(Integer onlyChain) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (onlyChain == null) {
            rawData.redactExpired(now).ifPresent(redacted -> {
                LOG.infof("retention: raw personal data redacted: %s", redacted);
                audit.record("retention-purge", "REDACT", null, "raw personal data past retention redacted: " + redacted);
            });
        }
        // 1. Per chain: the expired prefix, vouched for by a signed checkpoint.
        List<Prefix> prefixes = new ArrayList<>();
        for (int chain = 0; chain < ContactLogWriter.CHAINS; chain++) {
            if (onlyChain != null && onlyChain != chain) continue;
            int id = chain;
            Prefix prefix = db.inTransaction(c -> checkpoint(c, id, now));
            if (prefix != null) prefixes.add(prefix);
        }
        // Tables derived from the log (the stats rollup) forget these entries first, so they never count what is gone.
        if (!prefixes.isEmpty()) {
            Map<Integer, Long> upTo = new TreeMap<>();
            for (Prefix p : prefixes) upTo.put(p.chain(), p.upTo());
            derived.beforePurge(upTo);
        }
        // 2. Whole months whose every entry is covered by a checkpoint go at once (a full run only).
        if (onlyChain == null && !prefixes.isEmpty()) {
            List<String> dropped = db.inTransaction(c -> {
                try (var ps = c.prepareStatement("SELECT contact_log_drop_covered_partitions()"); var rs = ps.executeQuery()) {
                    rs.next();
                    return List.of((String[]) rs.getArray(1).getArray());
                }
            });
            if (!dropped.isEmpty()) {
                LOG.infof("retention purge: dropped partitions %s", dropped);
                audit.record("retention-purge", "PURGE", null, "partitions dropped whole, every entry covered by a signed checkpoint: "
                        + String.join(", ", dropped));
            }
        }
        // 3. What is left of each prefix (in months still holding younger entries) goes row by row.
        List<Purged> done = new ArrayList<>();
        for (Prefix p : prefixes) {
            db.inTransaction(c -> {
                try (var ps = Sql.prepare(c, "SELECT contact_log_purge_prefix(?, ?, ?)", p.chain(), p.upTo(), p.cutoff()); var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
            Purged purged = new Purged(p.chain(), p.fromPos(), p.upTo(), p.entries(), p.cutoff(), p.lastHash());
            done.add(purged);
            LOG.infof("retention purge: chain %d positions %d..%d, %d entries", p.chain(), p.fromPos(), p.upTo(), p.entries());
            audit.record("retention-purge", "PURGE", null, "chain " + p.chain() + " positions " + p.fromPos() + ".." + p.upTo()
                    + "; " + p.entries() + " entries older than " + p.cutoff() + "; checkpoint hash " + p.lastHash());
        }
        return done;
    }

    /** One chain's expired prefix: positions {@code fromPos..upTo} ({@code entries} rows), checkpointed. */
    private record Prefix(int chain, long fromPos, long upTo, long entries, String lastHash, Instant cutoff) {}

    private Prefix checkpoint(Connection c, int chain, Instant now) throws SQLException {
        long fromPos = 0, upTo = 0, entries = 0;
        String lastHash = null;
        Instant loosestCutoff = null;
        // Walk the chain from its oldest remaining entry; stop at the first one still inside its retention.
        try (var ps = Sql.prepare(c, "SELECT chain_pos, at, rule_pack, hash FROM contact_log WHERE chain_id = ? ORDER BY chain_pos", chain)) {
            ps.setFetchSize(1000);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    Instant cutoff = policy.cutoff(rs.getString("rule_pack"), now);
                    if (!Sql.instant(rs, "at").isBefore(cutoff)) break;
                    if (fromPos == 0) fromPos = rs.getLong("chain_pos");
                    upTo = rs.getLong("chain_pos");
                    lastHash = rs.getString("hash");
                    entries++;
                    if (loosestCutoff == null || cutoff.isAfter(loosestCutoff)) loosestCutoff = cutoff;
                }
            }
        }
        if (upTo == 0) return null;
        String signature = signer.sign(chain, upTo, lastHash, now, loosestCutoff);
        // A run that stopped after its checkpoints finds the same prefix again: the checkpoint it wrote then stands.
        Sql.update(c, """
                INSERT INTO contact_log_checkpoint (chain_id, up_to_pos, last_hash, at, cutoff, signature) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (chain_id, up_to_pos) DO NOTHING""", chain, upTo, lastHash, now, loosestCutoff, signature);
        return new Prefix(chain, fromPos, upTo, entries, lastHash, loosestCutoff);
    }

    /**
     * Retention per pack, from the rule pack itself ("CN@2026.1" → the CN pack's retention, which operators may
     * lengthen through the policy overrides); entries without a known pack keep the configured default.
     */
    @ApplicationScoped
    public static class RetentionPolicy {
        private final ContactLogConfig config;
        private final io.tixing.policy.RulePacks packs;

        public RetentionPolicy(ContactLogConfig config, io.tixing.policy.RulePacks packs) {
            this.config = config;
            this.packs = packs;
        }

        public Period retention(String rulePack) {
            String pack = rulePack == null ? null : rulePack.split("@", 2)[0];
            return pack != null && packs.has(pack) ? packs.get(pack).retention() : Period.parse(config.defaultRetention());
        }

        public Instant cutoff(String rulePack, Instant now) {
            return now.atZone(ZoneOffset.UTC).minus(retention(rulePack)).toInstant();
        }
    }
}
