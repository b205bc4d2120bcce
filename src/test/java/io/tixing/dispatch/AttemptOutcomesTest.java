package io.tixing.dispatch;

import io.tixing.channel.SendResult;
import io.tixing.policy.AttemptStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** What a send's result means for the attempt and the task, in plain Java. */
class AttemptOutcomesTest {

    private static final DispatchConfig FIVE_RETRIES = new DispatchConfig() {
        public String pollInterval() { return "off"; }
        public int batchSize() { return 100; }
        public Duration lease() { return Duration.ofSeconds(60); }
        public int maxRetries() { return 5; }
        public Duration retryBaseDelay() { return Duration.ofSeconds(30); }
        public Duration retryMaxDelay() { return Duration.ofMinutes(15); }
        public int senders() { return 1; }
        public int pipelines() { return 1; }
    };

    private final AttemptOutcomes outcomes = new AttemptOutcomes(FIVE_RETRIES, null, null, null);

    @Test
    void a_message_kept_back_because_the_lease_ran_out_is_not_sent_and_decided_again_without_spending_a_retry() {
        var keptBack = new SendResult.RetryLater(AttemptOutcomes.NOT_HANDED_OVER, Duration.ZERO, "not handed over");
        for (int retries : new int[] {0, 5, 50}) {
            var o = outcomes.ofSend(keptBack, retries);
            assertThat(o.status()).isEqualTo(AttemptStatus.NOT_SENT);
            assertThat(o.next()).isEqualTo(AttemptOutcomes.Next.DECIDE_AGAIN);
            assertThat(o.checkReachability()).as("says nothing about the borrower's reachability").isFalse();
        }
        assertThat(AttemptStatus.NOT_SENT.counts()).as("a message nobody received counts toward no cap").isFalse();
    }

    @Test
    void a_providers_transient_failure_is_retried_until_the_budget_is_spent_then_the_channel_has_failed() {
        var busy = new SendResult.RetryLater("503", Duration.ofSeconds(1), "service unavailable");
        assertThat(outcomes.ofSend(busy, 4).next()).isEqualTo(AttemptOutcomes.Next.RETRY);
        var last = outcomes.ofSend(busy, 5);
        assertThat(last.next()).isEqualTo(AttemptOutcomes.Next.FAIL_OVER);
        assertThat(last.status()).isEqualTo(AttemptStatus.FAILED);
    }
}
