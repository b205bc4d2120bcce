package io.tixing.contactlog;

/** The verifier's state for one chain: where it is, what hash the next entry must follow, and the first break. */
final class ChainWalk {

    final int chainId;
    long checkpointPos;
    String checkpointHash = ContactLogWriter.GENESIS;
    long lastPos;
    String lastHash = ContactLogWriter.GENESIS;
    Long lastSeq;
    VerifyReport.Broken broken;
    /** The anchored state of this chain (null when the anchor does not know it), and what the walk saw of it. */
    Anchor.ChainState anchored;
    long maxPos;
    String hashAtAnchor;

    ChainWalk(int chainId) { this.chainId = chainId; }

    /** Every stored row passes here, even after a break, so the anchor comparison sees the whole chain. */
    void seen(ChainRow row) {
        maxPos = Math.max(maxPos, row.chainPos());
        if (anchored != null && row.chainPos() == anchored.length()) hashAtAnchor = row.hash();
    }

    /**
     * Why the chain no longer matches its anchored state, or null. Entries purged behind a signed checkpoint are
     * vouched for by the checkpoint (its hash is compared when it ends exactly at the anchored position).
     */
    String anchorProblem() {
        if (anchored == null) return null;
        long length = anchored.length();
        if (length < checkpointPos) return null;
        if (length == checkpointPos) {
            return anchored.lastHash().equals(checkpointHash) ? null
                    : "the checkpoint at the anchored position " + length + " has a different hash than the anchor";
        }
        if (maxPos < length) {
            return "chain is shorter than anchored: the anchor says " + length + " entries, the log ends at position " + maxPos;
        }
        if (!anchored.lastHash().equals(hashAtAnchor)) {
            return hashAtAnchor == null ? "the entry at the anchored position " + length + " is missing"
                    : "the entry at the anchored position " + length + " differs from the anchored hash (the chain was rewritten up to there)";
        }
        return null;
    }

    void startAfter(long position, String hash) {
        checkpointPos = position;
        checkpointHash = hash;
        lastPos = position;
        lastHash = hash;
    }

    /**
     * Checks one row against the walk so far and advances. In a time-ranged walk positions may jump, so
     * {@code previousHash} is the predecessor's stored hash (null when it is missing). Returns why the row breaks
     * the chain, or null.
     */
    String accept(ChainRow row, boolean ranged, String previousHash) {
        String reason = null;
        String knownPrevious = ranged ? previousHash : lastHash;
        if (row.entry() == null) {
            reason = "unknown entry kind";
        } else if (ranged && knownPrevious == null) {
            reason = "the entry before it (position " + (row.chainPos() - 1) + ") is missing";
        } else if (!ranged && row.chainPos() != lastPos + 1) {
            reason = row.chainPos() > lastPos + 1
                    ? "entries missing: expected position " + (lastPos + 1) + ", found " + row.chainPos()
                    : "position " + row.chainPos() + " repeated or out of order";
        } else if (!row.prevHash().equals(knownPrevious)) {
            reason = "prev_hash does not match the hash of the entry before it";
        } else if (!row.hash().equals(row.expectedHash())) {
            reason = "stored hash does not match the entry's contents";
        }
        lastPos = row.chainPos();
        lastHash = row.hash();
        lastSeq = row.seq();
        return reason;
    }
}
