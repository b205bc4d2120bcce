package io.tixing.contactlog;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A contact-log entry as compliance reads it. Destinations are stored masked, so nothing here is PII. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContactLogView(long seq, Instant at, String zone, String localTime, String kind, String borrowerId,
                             String loanId, UUID reminderId, UUID attemptId, String channel, String destination,
                             String templateKey, String templateVersion, String contentHash, String decision,
                             List<String> reasons, String rulePack, String providerId, String outcome, String actor,
                             String detail, Instant until, String hash) {

    /** A page of entries, newest first; pass {@code nextCursor} back as {@code cursor} for the next page. */
    public record Page(List<ContactLogView> entries, String nextCursor) {}
}
