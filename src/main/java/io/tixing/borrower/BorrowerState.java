package io.tixing.borrower;

import io.tixing.policy.ChannelType;
import io.tixing.policy.HoldType;

import java.util.Set;

/**
 * A borrower read under its row lock: facts, the consent ledger in force, and the contact points a provider
 * rejected. Reading it locks the borrower until the transaction ends, which is what makes caps hold across instances.
 */
public record BorrowerState(BorrowerRecord borrower, Set<ChannelType> optedOut, Set<HoldType> holds,
                            Set<String> invalidDestinations) {}
