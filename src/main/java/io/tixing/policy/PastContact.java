package io.tixing.policy;

import java.time.Instant;

/**
 * One earlier contact, read from the contact log: the borrower's own, or another borrower id's contact with the same
 * contact point (caps counted per contact point see those too).
 *
 * @param contactPoint the normalised destination (see {@link ContactPoint})
 * @param borrowerId   whose contact it was; null means the borrower being decided (history read for them alone)
 */
public record PastContact(Instant at, ChannelType channel, ContactKind kind, String loanId, String templateKey, String contactPoint,
                          String borrowerId) {

    /** A contact of the borrower being decided. */
    public PastContact(Instant at, ChannelType channel, ContactKind kind, String loanId, String templateKey, String contactPoint) {
        this(at, channel, kind, loanId, templateKey, contactPoint, null);
    }
}
