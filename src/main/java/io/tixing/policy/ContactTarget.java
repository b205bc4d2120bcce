package io.tixing.policy;

/**
 * The contact being decided.
 *
 * @param thirdParty true when the destination is not the borrower's own contact point (relative, employer...)
 */
public record ContactTarget(ChannelType channel, String loanId, String templateKey, String contactPoint,
                            boolean contactPointInvalid, boolean thirdParty) {}
