package io.tixing.policy;

import java.time.Instant;

/** One earlier contact with the borrower, read from the contact log. */
public record PastContact(Instant at, ChannelType channel, ContactKind kind, String loanId, String templateKey, String contactPoint) {}
