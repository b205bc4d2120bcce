package io.tixing.policy;

import java.util.Set;

/**
 * Message caps counted per borrower-local calendar day, for each of {@code scopes} (per borrower, per contact
 * point: one handset never gets more than the cap whatever borrower ids it is filed under).
 *
 * @param smsDaily   SMS handed to the provider
 * @param emailDaily emails handed to the provider
 * @param totalDaily every contact of any channel: SMS + email sent plus voice calls dialled
 */
public record MessageCaps(int smsDaily, int emailDaily, int totalDaily, Set<AttemptScope> scopes) {
    public MessageCaps {
        if (smsDaily < 1 || emailDaily < 1 || totalDaily < 1) throw new IllegalArgumentException("caps must be at least 1 (use an opt-out to stop a channel)");
        scopes = AttemptScope.checked(scopes, "message caps");
    }

    /** The same scopes with other numbers (operator overrides change numbers, never scopes). */
    public MessageCaps with(int sms, int email, int total) { return new MessageCaps(sms, email, total, scopes); }
}
