package io.tixing.rules;

import io.tixing.borrower.BorrowerRecord;
import io.tixing.policy.BorrowerZones;
import io.tixing.policy.RulePack;
import io.tixing.policy.RulePackSelector;
import io.tixing.policy.RulePacks;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.ZoneId;

/** Which rule pack governs a borrower and which clock(s) the borrower lives by. */
@ApplicationScoped
public class BorrowerRules {

    private final RulePacks packs;

    public BorrowerRules(RulePacks packs) { this.packs = packs; }

    public record Resolved(RulePack pack, BorrowerZones.ResolvedZones zones) {
        /** The zone shown as the borrower's local time (the first candidate). */
        public ZoneId displayZone() { return zones.zones().getFirst(); }
    }

    public Resolved resolve(BorrowerRecord b) {
        RulePack pack = RulePackSelector.select(packs, b.jurisdiction(), b.phone(), b.locale());
        return new Resolved(pack, BorrowerZones.resolve(b.timezone(), b.phone(), pack));
    }

    public RulePacks packs() { return packs; }
}
