package io.tixing.contactlog;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One contact-log entry as written. {@code destinationMasked} is always masked: the log never holds a
 * full phone number or address. {@code zone} and {@code localTime} give the borrower's own clock;
 * {@code until} is the instant a DEFER moved the contact to.
 */
public record LogEntry(Instant at, String zone, String localTime, Kind kind, String borrowerId, String loanId,
                       UUID reminderId, UUID attemptId, String channel, String destinationMasked, String templateKey,
                       String templateVersion, String contentHash, String decision, List<String> reasons, String rulePack,
                       String providerId, String outcome, String actor, String detail, Instant until) {

    public enum Kind {
        /** A reminder was accepted. */
        REQUEST,
        /** The rule pack decided (ALLOW, DEFER, SUPPRESS, EXPIRED). */
        DECISION,
        /** A provider hand-off and its immediate result. */
        ATTEMPT,
        /** A provider status callback (delivered, undelivered...). */
        STATUS,
        /** An inbound SMS or a voice DTMF choice. */
        INBOUND,
        /** Opt-out, opt-in, hold or lift. */
        CONSENT,
        /** Reminder-level lifecycle: cancelled, expired, finished. */
        LIFECYCLE,
        /** A compliance action on the log itself: export, unmasked read, retention purge. */
        AUDIT
    }

    public LogEntry {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    public static Builder of(Kind kind, Instant at) { return new Builder(kind, at); }

    /** Entries have many optional fields; the builder keeps call sites readable. */
    public static final class Builder {
        private final Kind kind;
        private final Instant at;
        private String zone, localTime, borrowerId, loanId, channel, destinationMasked, templateKey, templateVersion,
                contentHash, decision, rulePack, providerId, outcome, actor, detail;
        private UUID reminderId, attemptId;
        private List<String> reasons = List.of();
        private Instant until;

        private Builder(Kind kind, Instant at) {
            this.kind = kind;
            this.at = at;
        }

        /** The borrower's zone and the entry's time on the borrower's clock. */
        public Builder borrowerClock(java.time.ZoneId zone) {
            if (zone != null) {
                this.zone = zone.getId();
                this.localTime = at.atZone(zone).toOffsetDateTime().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
            }
            return this;
        }
        public Builder borrower(String id) { this.borrowerId = id; return this; }
        public Builder loan(String id) { this.loanId = id; return this; }
        public Builder reminder(UUID id) { this.reminderId = id; return this; }
        public Builder attempt(UUID id) { this.attemptId = id; return this; }
        public Builder channel(String channel) { this.channel = channel; return this; }
        public Builder destinationMasked(String masked) { this.destinationMasked = masked; return this; }
        public Builder template(String key, String version) { this.templateKey = key; this.templateVersion = version; return this; }
        public Builder contentHash(String hash) { this.contentHash = hash; return this; }
        public Builder decision(String decision) { this.decision = decision; return this; }
        public Builder reasons(List<String> reasons) { this.reasons = reasons; return this; }
        public Builder rulePack(String pack) { this.rulePack = pack; return this; }
        public Builder providerId(String id) { this.providerId = id; return this; }
        public Builder outcome(String outcome) { this.outcome = outcome; return this; }
        public Builder actor(String actor) { this.actor = actor; return this; }
        public Builder detail(String detail) { this.detail = detail; return this; }
        public Builder until(Instant until) { this.until = until; return this; }

        public LogEntry build() {
            return new LogEntry(at, zone, localTime, kind, borrowerId, loanId, reminderId, attemptId, channel, destinationMasked,
                    templateKey, templateVersion, contentHash, decision, reasons, rulePack, providerId, outcome, actor, detail, until);
        }
    }
}
