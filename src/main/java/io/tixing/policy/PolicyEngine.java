package io.tixing.policy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SequencedSet;
import java.util.TreeMap;

/**
 * Decides one contact from facts and the clock. Plain Java: no framework types, so every rule is unit-testable
 * with a pinned clock.
 *
 * <p>The policy is a list of small named rules. Any SUPPRESS wins (all suppress reasons are listed). Otherwise,
 * if a rule defers, the answer is DEFER at the first instant every rule allows: start at the requested instant,
 * jump to the latest {@code until} of the deferring rules, ask every rule again, and repeat until none defers
 * (a cap rolling over at midnight then meets the window opening at 08:00, a holiday pushes a day...). Each rule's
 * {@code until} is never later than its own first allowed instant, so nothing lawful is skipped. If no such
 * instant exists within {@link #HORIZON} the contact is suppressed (windows of several zones that never overlap are
 * found by {@link QuietHours} itself: NO_COMMON_WINDOW).
 */
public final class PolicyEngine {

    /** How far ahead a lawful instant is searched for before giving up with SUPPRESS. */
    public static final Duration HORIZON = Duration.ofDays(400);
    private static final int MAX_STEPS = 10_000;

    private static final List<ContactRule> RULES = List.of(
            new Holds(), new ThirdPartyTarget(), new InvalidContactPoint(), new ChannelOptOut(), new Accessibility(),
            new DuplicateMessage(), new QuietHours(), new HolidayBlackout(), DailyMessageCap.sms(), DailyMessageCap.email(),
            new TotalDailyCap(), new VoiceConversationCap(), new DialAttemptLimit(), new ConversationCooldown());

    private final Clock clock;

    public PolicyEngine(Clock clock) { this.clock = clock; }

    public Decision decide(RulePack pack, ContactFacts facts) { return decideAt(pack, facts, clock.instant()); }

    /** The decision alone: what {@link #explain} decides, without the counters it shows beside it (they decide nothing). */
    public Decision decideAt(RulePack pack, ContactFacts facts, Instant at) { return explain(pack, facts, at, false).decision(); }

    public Explanation explain(RulePack pack, ContactFacts facts, Instant at) { return explain(pack, facts, at, true); }

    private Explanation explain(RulePack pack, ContactFacts facts, Instant at, boolean withCounters) {
        RuleContext ctx = new RuleContext(pack, facts);
        List<RuleVerdict> first = evaluate(ctx, at);
        Map<String, Integer> counters = new TreeMap<>();
        if (withCounters) RULES.forEach(r -> r.count(ctx, at, counters));
        List<ReasonCode> info = facts.borrower().zoneAssumed() ? List.of(ReasonCode.ZONE_ASSUMED) : List.of();

        SequencedSet<ReasonCode> deferredBy = new LinkedHashSet<>();
        List<RuleVerdict> verdicts = first;
        Instant t = at;
        for (int step = 0; ; step++) {
            List<ReasonCode> suppressed = reasons(verdicts, RuleVerdict.Kind.SUPPRESS);
            if (!suppressed.isEmpty()) return new Explanation(Decision.suppress(pack.id(), join(suppressed, info)), first, counters, null);
            List<RuleVerdict> defers = verdicts.stream().filter(v -> v.kind() == RuleVerdict.Kind.DEFER).toList();
            if (defers.isEmpty()) break;
            deferredBy.addAll(reasons(defers, RuleVerdict.Kind.DEFER));
            Instant next = defers.stream().map(RuleVerdict::until).max(Instant::compareTo).orElseThrow();
            // A rule must move time forward; guard against one that does not so the loop always ends.
            t = next.isAfter(t) ? next : t.plusSeconds(1);
            if (t.isAfter(at.plus(HORIZON)) || step >= MAX_STEPS) {
                return new Explanation(Decision.suppress(pack.id(), join(List.copyOf(deferredBy), info)), first, counters, null);
            }
            verdicts = evaluate(ctx, t);
        }
        Decision decision;
        if (facts.notAfter() != null && t.isAfter(facts.notAfter())) {
            List<ReasonCode> reasons = new ArrayList<>(deferredBy);
            reasons.add(ReasonCode.NOT_AFTER_PASSED);
            decision = Decision.expired(t, pack.id(), join(reasons, info));
        } else if (t.equals(at)) {
            decision = Decision.allow(pack.id(), info);
        } else {
            decision = Decision.defer(t, pack.id(), join(List.copyOf(deferredBy), info));
        }
        return new Explanation(decision, first, counters, t, t.equals(at) ? null : QuietHours.bindingZone(ctx, t));
    }

    private static List<RuleVerdict> evaluate(RuleContext ctx, Instant at) {
        List<RuleVerdict> out = new ArrayList<>();
        for (ContactRule rule : RULES) {
            switch (rule.check(ctx, at)) {
                case Verdict.Allow a -> out.add(new RuleVerdict(rule.name(), RuleVerdict.Kind.ALLOW, null, null));
                case Verdict.Defer d -> out.add(new RuleVerdict(rule.name(), RuleVerdict.Kind.DEFER, d.reason(), d.until()));
                case Verdict.Suppress s -> s.reasons().forEach(r -> out.add(new RuleVerdict(rule.name(), RuleVerdict.Kind.SUPPRESS, r, null)));
            }
        }
        return out;
    }

    private static List<ReasonCode> reasons(List<RuleVerdict> verdicts, RuleVerdict.Kind kind) {
        return verdicts.stream().filter(v -> v.kind() == kind).map(RuleVerdict::reason).distinct().toList();
    }

    private static List<ReasonCode> join(List<ReasonCode> reasons, List<ReasonCode> info) {
        List<ReasonCode> all = new ArrayList<>(reasons);
        info.stream().filter(i -> !all.contains(i)).forEach(all::add);
        return all;
    }
}
