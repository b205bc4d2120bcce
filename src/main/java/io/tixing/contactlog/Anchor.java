package io.tixing.contactlog;

import java.time.Instant;
import java.util.List;

/**
 * A signed statement of every chain's state at one moment: "chain c had {@code length} entries ending in
 * {@code lastHash} at {@code at}". Kept outside the database, it lets verification notice a chain that was cut
 * back or rewritten together with its head row. {@code seq} numbers anchors in the folder (also in the file name).
 */
public record Anchor(String format, long seq, Instant at, String key, List<ChainState> chains, String signature) {

    public static final String FORMAT = "tixing-anchor/1";

    public record ChainState(int chainId, long length, String lastHash) {}

    /** The signed text: every field in a fixed order, one chain per line (none of the values can hold '|' or a newline). */
    String payload() {
        StringBuilder s = new StringBuilder(format).append('\n').append("seq=").append(seq).append('\n')
                .append("at=").append(at).append('\n').append("key=").append(key).append('\n');
        for (ChainState c : chains) s.append(c.chainId()).append('|').append(c.length()).append('|').append(c.lastHash()).append('\n');
        return s.toString();
    }

    Anchor signedWith(String signature) { return new Anchor(format, seq, at, key, chains, signature); }

    ChainState chain(int chainId) {
        for (ChainState c : chains) if (c.chainId() == chainId) return c;
        return null;
    }
}
