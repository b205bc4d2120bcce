package io.tixing.contactlog;

import io.tixing.db.Database;
import io.tixing.db.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Walks the contact-log chains, recomputing every entry's hash from its stored fields and checking the
 * links (prev_hash) and positions (no gaps). Rows are streamed with a server-side cursor, one snapshot
 * (REPEATABLE READ) for rows, checkpoints and chain heads, so concurrent appends never look like breaks.
 */
@ApplicationScoped
public class ChainVerifier {

    private static final int FETCH = 1000;

    private final Database db;
    private final CheckpointSigner signer;
    private final AnchorStore anchors;

    public ChainVerifier(Database db, CheckpointSigner signer, AnchorStore anchors) {
        this.db = db;
        this.signer = signer;
        this.anchors = anchors;
    }

    /** What to verify: one chain or all, optionally only entries with {@code from <= at < to}. */
    public record Scope(Integer chainId, Instant from, Instant to) {
        public static final Scope ALL = new Scope(null, null, null);

        boolean ranged() { return from != null || to != null; }

        String describe() {
            return (chainId == null ? "all chains" : "chain " + chainId) + (from == null ? "" : " from " + from) + (to == null ? "" : " to " + to);
        }
    }

    public VerifyReport verify(Scope scope) {
        return db.read(c -> {
            c.setAutoCommit(false); // PostgreSQL streams with a cursor only inside a transaction
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            try {
                return walk(c, scope);
            } finally {
                c.rollback();
                c.setReadOnly(false);
                c.setAutoCommit(true);
            }
        });
    }

    private VerifyReport walk(Connection c, Scope scope) throws SQLException {
        ChainWalk[] chains = new ChainWalk[ContactLogWriter.CHAINS];
        List<VerifyReport.Broken> broken = new ArrayList<>();
        for (int i = 0; i < chains.length; i++) chains[i] = new ChainWalk(i);
        loadCheckpoints(c, chains, broken);
        // Anchors are compared on whole-chain walks; a ranged walk does not see the chain ends.
        AnchorStore.Newest newest = scope.ranged() ? null : anchors.newest();
        Anchor anchor = newest == null || newest.valid() == null ? null : newest.valid().anchor();
        if (anchor != null) {
            for (Anchor.ChainState state : anchor.chains()) {
                if (state.chainId() >= 0 && state.chainId() < chains.length) chains[state.chainId()].anchored = state;
            }
        }
        StringBuilder sql = new StringBuilder("SELECT " + ChainRow.COLUMNS + " FROM contact_log WHERE TRUE");
        List<Object> params = new ArrayList<>();
        if (scope.chainId() != null) { sql.append(" AND chain_id = ?"); params.add(scope.chainId()); }
        if (scope.from() != null) { sql.append(" AND at >= ?"); params.add(scope.from()); }
        if (scope.to() != null) { sql.append(" AND at < ?"); params.add(scope.to()); }
        sql.append(" ORDER BY chain_id, chain_pos");
        long checked = 0;
        try (var ps = Sql.prepare(c, sql.toString(), params.toArray())) {
            ps.setFetchSize(FETCH);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    ChainRow row = ChainRow.read(rs);
                    ChainWalk walk = chains[Math.floorMod(row.chainId(), chains.length)];
                    walk.seen(row);
                    if (walk.broken != null || row.chainPos() <= walk.checkpointPos) continue;
                    checked++;
                    String reason = walk.accept(row, scope.ranged(), scope.ranged() ? previousHash(c, walk, row) : null);
                    if (reason != null) walk.broken = new VerifyReport.Broken(row.seq(), row.chainId(), row.chainPos(), reason);
                }
            }
        }
        if (!scope.ranged()) checkHeads(c, scope, chains);
        for (ChainWalk walk : chains) if (walk.broken != null) broken.add(walk.broken);
        VerifyReport.Broken first = broken.stream()
                .min((a, b) -> Long.compare(a.seq() == null ? Long.MAX_VALUE : a.seq(), b.seq() == null ? Long.MAX_VALUE : b.seq()))
                .orElse(null);
        VerifyReport.AnchorCheck anchorCheck = newest == null ? null : anchorCheck(newest, chains, scope);
        if (first == null && anchorCheck != null && !anchorCheck.mismatches().isEmpty()) {
            var m = anchorCheck.mismatches().getFirst();
            first = new VerifyReport.Broken(null, m.chainId(), m.firstPos(), m.reason());
        }
        boolean ok = first == null && (anchorCheck == null || anchorCheck.ok());
        return new VerifyReport(ok ? VerifyReport.Status.OK : VerifyReport.Status.BROKEN, checked, scope.describe(), first, anchorCheck);
    }

    /** Compares each walked chain with the anchored state: it must still reach the anchored length with the anchored hash. */
    private static VerifyReport.AnchorCheck anchorCheck(AnchorStore.Newest newest, ChainWalk[] chains, Scope scope) {
        List<VerifyReport.Rejected> rejected = newest.rejected().stream()
                .map(r -> new VerifyReport.Rejected(r.file().getFileName().toString(), r.anchor() == null ? null : r.anchor().seq(), r.problem()))
                .toList();
        List<VerifyReport.Mismatch> mismatches = new ArrayList<>();
        if (newest.valid() == null) return new VerifyReport.AnchorCheck(null, null, null, null, null, rejected, mismatches);
        Anchor anchor = newest.valid().anchor();
        for (ChainWalk walk : chains) {
            Anchor.ChainState state = walk.anchored;
            if (state == null || (scope.chainId() != null && scope.chainId() != walk.chainId)) continue;
            String reason = walk.anchorProblem();
            if (reason != null) {
                long firstPos = walk.maxPos < state.length() ? walk.maxPos + 1 : state.length();
                mismatches.add(new VerifyReport.Mismatch(walk.chainId, state.length(), state.lastHash(), firstPos, reason));
            }
        }
        return new VerifyReport.AnchorCheck(anchor.seq(), newest.valid().file().getFileName().toString(), anchor.at(),
                anchor.chains().size(), true, rejected, mismatches);
    }

    /** Each chain starts from its latest checkpoint; a checkpoint with a bad signature breaks its chain. */
    private void loadCheckpoints(Connection c, ChainWalk[] chains, List<VerifyReport.Broken> broken) throws SQLException {
        try (var ps = c.prepareStatement("""
                SELECT DISTINCT ON (chain_id) chain_id, up_to_pos, last_hash, at, cutoff, signature
                FROM contact_log_checkpoint ORDER BY chain_id, up_to_pos DESC""");
             var rs = ps.executeQuery()) {
            while (rs.next()) {
                int chain = rs.getInt("chain_id");
                long pos = rs.getLong("up_to_pos");
                String hash = rs.getString("last_hash");
                if (chain < 0 || chain >= chains.length) continue;
                if (!signer.valid(chain, pos, hash, Sql.instant(rs, "at"), Sql.instant(rs, "cutoff"), rs.getString("signature"))) {
                    chains[chain].broken = new VerifyReport.Broken(null, chain, pos, "checkpoint signature is invalid");
                }
                chains[chain].startAfter(pos, hash);
            }
        }
    }

    /** In a time-ranged walk an entry's predecessor may lie outside the range: fetch its hash when the walk jumps. */
    private static String previousHash(Connection c, ChainWalk walk, ChainRow row) throws SQLException {
        long before = row.chainPos() - 1;
        if (walk.lastPos == before) return walk.lastHash;
        if (before == walk.checkpointPos) return walk.checkpointHash;
        try (var ps = Sql.prepare(c, "SELECT hash FROM contact_log WHERE chain_id = ? AND chain_pos = ?", row.chainId(), before);
             var rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** A whole-chain walk must end exactly at the chain head: anything else means entries vanished from the tail. */
    private static void checkHeads(Connection c, Scope scope, ChainWalk[] chains) throws SQLException {
        try (var ps = c.prepareStatement("SELECT chain_id, length, last_hash FROM contact_log_chain"); var rs = ps.executeQuery()) {
            while (rs.next()) {
                int chain = rs.getInt(1);
                if (chain < 0 || chain >= chains.length || (scope.chainId() != null && scope.chainId() != chain)) continue;
                ChainWalk walk = chains[chain];
                if (walk.broken != null) continue;
                if (walk.lastPos != rs.getLong(2)) {
                    walk.broken = new VerifyReport.Broken(null, chain, walk.lastPos + 1,
                            "chain head says " + rs.getLong(2) + " entries but the log ends at position " + walk.lastPos);
                } else if (!walk.lastHash.equals(rs.getString(3))) {
                    walk.broken = new VerifyReport.Broken(walk.lastSeq, chain, walk.lastPos, "chain head hash differs from the last entry's hash");
                }
            }
        }
    }
}
