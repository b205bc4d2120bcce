package io.tixing.borrower;

import io.tixing.policy.BorrowerFlag;
import io.tixing.policy.ChannelType;
import io.tixing.policy.HoldType;

import java.util.Set;

/**
 * A borrower read under its row lock: facts, the consent ledger in force, the contact points a provider
 * rejected or the holder said are not the borrower's ({@link ContactPointExclusions}), and the protective flags in force (sticky: see {@link BorrowerFlags}; never the flags of one request).
 * Reading it locks the borrower until the transaction ends, which is what makes caps hold across instances.
 */
public record BorrowerState(BorrowerRecord borrower, Set<ChannelType> optedOut, Set<HoldType> holds,
                            Set<String> invalidDestinations, Set<BorrowerFlag> flags) {}
