package io.tixing.reminder;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What {@code GET /api/v1/reminders/{id}} and the intake answer show. Destinations are masked. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReminderView(UUID id, String requestId, String status, String borrowerId, String loanId, String template,
                           List<String> channels, String channelStrategy, Instant notAfter, Instant nextAttemptAt,
                           Instant createdAt, Instant updatedAt, List<DecisionView> decisions, List<AttemptView> attempts) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DecisionView(Instant at, String localTime, String channel, String decision, List<String> reasons,
                               String rulePack, Instant nextAttemptAt) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AttemptView(UUID id, String channel, String destination, String status, String providerId,
                              String errorCode, String templateKey, String templateVersion, String locale,
                              Instant createdAt, Instant updatedAt) {}
}
