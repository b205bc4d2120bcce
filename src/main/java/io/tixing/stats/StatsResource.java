package io.tixing.stats;

import io.tixing.contactlog.AnchorStore;
import io.tixing.contactlog.NightlyVerification;
import io.tixing.policy.RulePacks;
import io.tixing.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/v1/stats/...}: the compliance dashboard's numbers, read-only, from the contact log. Every endpoint
 * takes the same filters (see {@link StatsPeriod}) and echoes the period it covered.
 */
@Path("/api/v1/stats")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.COMPLIANCE, Roles.ADMIN})
@Tag(name = "stats", description = "Compliance dashboard aggregates over the contact log")
public class StatsResource {

    static final String FILTERS = " Filters: from, to (dates YYYY-MM-DD, both included, default the last 7 days; at most 31 days) are days in "
            + "zone (an IANA zone, default UTC: the reviewer's day boundaries); jurisdiction = a rule pack name (CN, HK, TW, US). "
            + "A bad filter answers 400 problem+json naming the field.";

    public record Contacts(StatsPeriod.View period, long total, List<ContactStats.ContactRow> rows) {}

    public record Decisions(StatsPeriod.View period, List<ContactStats.DecisionRow> rows) {}

    public record Packs(StatsPeriod.View period, List<ContactStats.PackRow> rows) {}

    public record Violations(StatsPeriod.View period, ContactStats.Violations violations) {}

    public record LastVerification(Instant at, String status, long checked, String scope) {}

    public record AnchorView(Long seq, Instant at, Integer chains, boolean signatureOk, String file, int rejectedNewer) {}

    /** @param status OK, BROKEN, or UNKNOWN (no full verification since the service started) */
    public record Chain(String status, LastVerification lastVerification, AnchorView anchor, Instant now) {}

    private final ContactStats stats;
    private final RulePacks packs;
    private final Clock clock;
    private final NightlyVerification verification;
    private final AnchorStore anchors;

    public StatsResource(ContactStats stats, RulePacks packs, Clock clock, NightlyVerification verification, AnchorStore anchors) {
        this.stats = stats;
        this.packs = packs;
        this.clock = clock;
        this.verification = verification;
        this.anchors = anchors;
    }

    private StatsPeriod period(UriInfo uri) {
        var query = uri.getQueryParameters();
        var zone = query.getFirst("zone");
        ZoneId z;
        try {
            z = zone == null || zone.isBlank() ? ZoneOffset.UTC : ZoneId.of(zone.trim());
        } catch (DateTimeException e) {
            z = ZoneOffset.UTC; // reported by parse
        }
        return StatsPeriod.parse(query, packs, clock.instant().atZone(z).toLocalDate());
    }

    @GET
    @Path("contacts")
    @Operation(summary = "Contacts per day by channel and outcome",
            description = "Provider hand-offs (contact-log ATTEMPT entries) per reviewer day, channel and outcome (SENT, FAILED, RETRY, "
                    + "UNKNOWN, NOT_SENT)." + FILTERS)
    public Contacts contacts(@Context UriInfo uri) {
        var p = period(uri);
        var rows = stats.contacts(p);
        return new Contacts(p.view(), rows.stream().mapToLong(ContactStats.ContactRow::count).sum(), rows);
    }

    @GET
    @Path("decisions")
    @Operation(summary = "Defers and suppressions by reason code",
            description = "Contact-log DECISION entries that deferred, suppressed or expired a contact, by decision and reason code. "
                    + "A decision with two reasons counts under each; a reminder deferred twice is two decisions." + FILTERS)
    public Decisions decisions(@Context UriInfo uri) {
        var p = period(uri);
        return new Decisions(p.view(), stats.decisions(p));
    }

    @GET
    @Path("jurisdictions")
    @Operation(summary = "Per jurisdiction and rule pack",
            description = "Hand-offs and decisions (allowed, deferred, suppressed, expired) per rule pack version; jurisdiction is the "
                    + "pack's name." + FILTERS)
    public Packs jurisdictions(@Context UriInfo uri) {
        var p = period(uri);
        return new Packs(p.view(), stats.packs(p));
    }

    @GET
    @Path("violations")
    @Operation(summary = "Contacts outside the borrower's window and contacts over a cap",
            description = "Recomputed from the contact log alone; both counts must be 0. outsideWindow: hand-offs whose time on the "
                    + "borrower's clock (the zone the entry recorded) lies outside the rule pack's window for the channel. overCap: "
                    + "borrower-local days on which one borrower had more counted hand-offs (SENDING, SENT, DELIVERED, UNDELIVERED, "
                    + "UNKNOWN) than the pack's daily SMS, email or total cap. unchecked: hand-offs without a recorded zone or pack. "
                    + "Up to 20 examples of each." + FILTERS)
    public Violations violations(@Context UriInfo uri) {
        var p = period(uri);
        return new Violations(p.view(), stats.violations(p));
    }

    @GET
    @Path("chain")
    @Operation(summary = "Chain status, last verification and anchor",
            description = "The result of the last full chain verification (nightly or on demand since the service started) and the "
                    + "newest anchor whose signature checks out. Takes no filters.")
    public Chain chain() {
        var last = verification.lastRun();
        var newest = anchors.newest();
        AnchorView anchor = newest.valid() == null ? null : new AnchorView(newest.valid().anchor().seq(), newest.valid().anchor().at(),
                newest.valid().anchor().chains().size(), true, newest.valid().file().getFileName().toString(), newest.rejected().size());
        if (anchor == null && !newest.rejected().isEmpty()) anchor = new AnchorView(null, null, null, false, null, newest.rejected().size());
        String status = last == null ? "UNKNOWN" : last.report().status().name();
        return new Chain(status, last == null ? null : new LastVerification(last.at(), last.report().status().name(), last.report().checked(),
                last.report().scope()), anchor, clock.instant());
    }
}
