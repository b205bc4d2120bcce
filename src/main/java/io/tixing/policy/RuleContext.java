package io.tixing.policy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
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

    /**
     * Whether a past contact counts against a cap held per {@code scope}: the borrower's own contacts (per borrower),
     * every contact with the target's destination whatever borrower id it was filed under (per contact point), or
     * every contact about the target's loan (per loan). History holds each attempt once, so nothing is counted twice.
     */
    boolean inScope(PastContact c, AttemptScope scope) {
        ContactTarget t = target();
        return switch (scope) {
            case BORROWER -> c.borrowerId() == null || Objects.equals(c.borrowerId(), facts.borrower().borrowerId());
            case CONTACT_POINT -> Objects.equals(c.contactPoint(), t.contactPoint());
            case LOAN -> Objects.equals(c.loanId(), t.loanId());
        };
    }

    /** The instants of past contacts of one kind, matching {@code filter}, that count in {@code scope}. */
    List<Instant> instants(ContactKind kind, AttemptScope scope, Predicate<PastContact> filter) {
        return instants(kind, c -> inScope(c, scope) && filter.test(c));
    }
}
