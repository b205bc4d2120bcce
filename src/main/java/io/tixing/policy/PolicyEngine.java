package io.tixing.policy;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides one contact from facts and the clock. Plain Java: no framework types, so every rule is
 * unit-testable with a pinned clock.
 */
public final class PolicyEngine {

    private final Clock clock;

    public PolicyEngine(Clock clock) { this.clock = clock; }

    public Decision decide(RulePack pack, ContactFacts facts) { return decideAt(pack, facts, clock.instant()); }

    public Decision decideAt(RulePack pack, ContactFacts facts, Instant at) {
        List<ReasonCode> info = new ArrayList<>();
        if (facts.borrower().zoneAssumed()) info.add(ReasonCode.ZONE_ASSUMED);
        Instant first = at;
        // Several candidate zones: the lawful window is their intersection, so move forward until all agree.
        for (int guard = 0; guard < 8; guard++) {
            Instant moved = first;
            for (var zone : facts.borrower().zones()) moved = pack.window().nextOpening(moved, zone);
            if (moved.equals(first)) break;
            first = moved;
        }
        if (first.equals(at)) return Decision.allow(pack.id(), info);
        List<ReasonCode> reasons = new ArrayList<>(info);
        reasons.addFirst(ReasonCode.QUIET_HOURS);
        if (facts.notAfter() != null && first.isAfter(facts.notAfter())) return Decision.expired(first, pack.id(), reasons);
        return Decision.defer(first, pack.id(), reasons);
    }
}
