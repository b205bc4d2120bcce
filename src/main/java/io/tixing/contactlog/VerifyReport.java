package io.tixing.contactlog;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The answer of a chain verification: OK, or BROKEN with the first entry (lowest seq) that fails. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VerifyReport(Status status, long checked, String scope, Broken firstBroken) {

    public enum Status { OK, BROKEN }

    /** Where the chain breaks. {@code seq} is null when the break is not a stored row (a missing tail, a bad checkpoint). */
    public record Broken(Long seq, int chainId, long chainPos, String reason) {}

    public boolean ok() { return status == Status.OK; }
}
