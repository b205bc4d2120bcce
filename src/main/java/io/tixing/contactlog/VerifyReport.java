package io.tixing.contactlog;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/**
 * The answer of a chain verification: OK, or BROKEN with the first entry (lowest seq) that fails. Whole-chain
 * walks also report the anchor they compared against ({@code anchor}): BROKEN when a chain is shorter than, or
 * differs from, the anchored state, or when a newer anchor file fails its signature.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VerifyReport(Status status, long checked, String scope, Broken firstBroken, AnchorCheck anchor) {

    public enum Status { OK, BROKEN }

    public VerifyReport(Status status, long checked, String scope, Broken firstBroken) {
        this(status, checked, scope, firstBroken, null);
    }

    /** Where the chain breaks. {@code seq} is null when the break is not a stored row (a missing tail, a bad checkpoint). */
    public record Broken(Long seq, int chainId, long chainPos, String reason) {}

    /**
     * The newest anchor that checked out (null fields when there is none yet), the newer anchor files that did not,
     * and every chain that no longer matches the anchored state.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AnchorCheck(Long seq, String file, Instant at, Integer chains, Boolean signatureOk,
                              List<Rejected> rejected, List<Mismatch> mismatches) {
        public boolean ok() { return rejected.isEmpty() && mismatches.isEmpty(); }
    }

    /** An anchor file that was passed over: its signature (or name, or format) does not check out. */
    public record Rejected(String file, Long seq, String reason) {}

    /**
     * A chain that is not what the anchor says: {@code firstPos} is the first missing entry (chain too short) or the
     * anchored position whose entry now has a different hash (chain rewritten).
     */
    public record Mismatch(int chainId, long anchoredLength, String anchoredHash, long firstPos, String reason) {}

    public boolean ok() { return status == Status.OK; }
}
