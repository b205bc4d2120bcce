package io.tixing.contactlog;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One step in a borrower's story, in UTC and on the borrower's clock, with the decision explained in words. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TimelineEvent(long seq, Instant at, String localTime, String zone, String kind, String kindText, String channel,
                            String decision, String decisionText, List<Reason> reasons, String explanation, String outcome,
                            String destination, String templateKey, String templateVersion, UUID reminderId, UUID attemptId,
                            Instant until, String untilLocal, Message message, String actor, String detail) {

    public record Reason(String code, String text) {}

    /** The message as the provider received it (attempts only). */
    public record Message(String locale, String subject, String body) {}

    /** The whole timeline; {@code unmasked} says whether contact points and names are shown in full (pii right). */
    public record Timeline(String borrowerId, String zone, String language, boolean unmasked, boolean truncated,
                           List<TimelineEvent> events) {}
}
