package io.tixing.policy;

/**
 * Per-borrower caps counted per borrower-local calendar day.
 *
 * @param smsDaily   SMS handed to the provider
 * @param emailDaily emails handed to the provider
 * @param totalDaily every contact of any channel: SMS + email sent plus voice calls dialled
 */
public record MessageCaps(int smsDaily, int emailDaily, int totalDaily) {
    public MessageCaps {
        if (smsDaily < 1 || emailDaily < 1 || totalDaily < 1) throw new IllegalArgumentException("caps must be at least 1 (use an opt-out to stop a channel)");
    }
}
