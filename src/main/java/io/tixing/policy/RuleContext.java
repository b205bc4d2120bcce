package io.tixing.policy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Predicate;

/** The pack and facts one decision is about, with the look-ups the rules share. */
record RuleContext(RulePack pack, ContactFacts facts) {

    ContactTarget target() { return facts.target(); }

    ChannelType channel() { return facts.target().channel(); }

    List<ZoneId> zones() { return facts.borrower().zones(); }

    boolean is(BorrowerFlag flag) { return facts.borrower().flags().contains(flag); }

    /** ELDERLY borrowers get half the daily caps, rounded down but never below one. */
    int dailyCap(int cap) { return is(BorrowerFlag.ELDERLY) ? Math.max(1, cap / 2) : cap; }

    /** The instants of past contacts of one kind that also match {@code filter}. */
    List<Instant> instants(ContactKind kind, Predicate<PastContact> filter) {
        return facts.history().stream().filter(c -> c.kind() == kind).filter(filter).map(PastContact::at).toList();
    }
}
