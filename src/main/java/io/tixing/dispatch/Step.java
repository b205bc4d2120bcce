package io.tixing.dispatch;

import io.tixing.channel.OutboundMessage;

import java.time.ZoneId;

/** What the decision transaction left for the worker to do outside it. */
sealed interface Step {

    /** Nothing to send (deferred, suppressed, finished, or the lease was lost). */
    record Done() implements Step {}

    /** An ALLOWed contact recorded as SENDING: hand it to the provider, then record the answer. */
    record Send(DispatchTask task, OutboundMessage message, String loanId, String strategy, ZoneId zone, String rulePack,
                java.time.Instant notBefore)
            implements Step {}

    Step DONE = new Done();
}
