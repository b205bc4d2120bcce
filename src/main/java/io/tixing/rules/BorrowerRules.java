package io.tixing.rules;

import io.tixing.borrower.BorrowerLocationRepository;
import io.tixing.borrower.BorrowerRecord;
import io.tixing.policy.KnownLocations;
import io.tixing.policy.RulePack;
import io.tixing.policy.RulePackSelector;
import io.tixing.policy.RulePacks;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.List;

/**
 * Which rule pack governs a borrower and which clock(s) the borrower lives by. The dispatcher and explain both call
 * {@link #resolve(Connection, BorrowerRecord)}: the same stored facts give the same {@link KnownLocations}, so what
 * explain shows is what the dispatcher decided on.
 */
@ApplicationScoped
public class BorrowerRules {

    private final RulePacks packs;
    private final BorrowerLocationRepository locations;

    public BorrowerRules(RulePacks packs, BorrowerLocationRepository locations) {
        this.packs = packs;
        this.locations = locations;
    }

    public record Resolved(RulePack pack, KnownLocations zones) {
        /** The zone shown as the borrower's local time (the stated zone when there is one). */
        public ZoneId displayZone() { return zones.displayZone(); }
    }

    /** Pack and every known location: the borrower's current facts plus everything earlier requests left. */
    public Resolved resolve(Connection c, BorrowerRecord b) throws SQLException {
        return resolve(b, locations.find(c, b.id()));
    }

    /** {@link #resolve(Connection, BorrowerRecord)} from locations already read (the dispatcher reads a batch's at once). */
    public Resolved resolve(BorrowerRecord b, java.util.Collection<KnownLocations.Location> stored) {
        RulePack pack = RulePackSelector.select(packs, b.jurisdiction(), b.phone(), b.locale());
        return new Resolved(pack, KnownLocations.of(b.timezone(), b.phone(), stored, pack));
    }

    /**
     * From the borrower's current facts alone (stated zone and phone, both kept), for labels and planning where no
     * decision is taken; a decision always uses {@link #resolve(Connection, BorrowerRecord)}.
     */
    public Resolved resolve(BorrowerRecord b) {
        RulePack pack = RulePackSelector.select(packs, b.jurisdiction(), b.phone(), b.locale());
        return new Resolved(pack, KnownLocations.of(b.timezone(), b.phone(), List.of(), pack));
    }

    public RulePacks packs() { return packs; }
}
