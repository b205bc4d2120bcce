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

    ChainWalk(int chainId) { this.chainId = chainId; }

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
