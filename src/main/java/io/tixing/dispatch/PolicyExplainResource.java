package io.tixing.dispatch;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tixing.api.FieldError;
import io.tixing.api.Problem;
import io.tixing.api.ProblemException;
import io.tixing.borrower.BorrowerFlags;
import io.tixing.borrower.BorrowerRepository;
import io.tixing.db.Database;
import io.tixing.policy.ChannelType;
import io.tixing.policy.ContactPoint;
import io.tixing.policy.Decision;
import io.tixing.policy.PolicyEngine;
import io.tixing.policy.RuleVerdict;
import io.tixing.reminder.ReminderRepository;
import io.tixing.reminder.ReminderRequest;
import io.tixing.template.TemplateService;
import io.tixing.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * "Why wasn't this sent?": what the borrower's rule pack decides for a channel at an instant (now by default),
 * every rule's verdict, the counters it saw, the next allowed instant, and the protective flags in force with where each
 * came from. Reads only; locks nothing.
 *
 * <p>With {@code reminderId} it explains that reminder as the dispatcher would decide it now: its loan, template, the
 * destination it names, its third-party recipient, and — when the rules allow — its rendering, so a caller-data hit
 * shows as {@code CONTENT_BLOCKED} with the field and category. It uses the dispatcher's own load ({@link FactsLoader}: known locations, sticky flags,
 * consent, history per contact point) and decide ({@link ContactDecider}), so that the two cannot disagree.
 */
@Path("/api/v1/policy/explain")
@Produces(MediaType.APPLICATION_JSON)
public class PolicyExplainResource {

    private final Database db;
    private final Clock clock;
    private final BorrowerRepository borrowers;
    private final FactsLoader loader;
    private final ContactDecider decider;
    private final BorrowerFlags borrowerFlags;
    private final ReminderRepository reminders;
    private final com.fasterxml.jackson.databind.ObjectMapper json;

    public PolicyExplainResource(Database db, Clock clock, BorrowerRepository borrowers, FactsLoader loader, PolicyEngine engine,
                          BorrowerFlags borrowerFlags, ReminderRepository reminders, TemplateService templates,
                          com.fasterxml.jackson.databind.ObjectMapper json) {
        this.db = db;
        this.clock = clock;
        this.borrowers = borrowers;
        this.loader = loader;
        this.decider = new ContactDecider(engine, templates::render);
        this.borrowerFlags = borrowerFlags;
        this.reminders = reminders;
        this.json = json;
    }

    /**
     * @param zones       every known zone (the contact window is the intersection over all of them)
     * @param locations   each zone with how it is known: STATED (a request said so), PHONE (a number on file maps to it),
     *                    PACK (nothing known: the pack's zone list), ASSUMED (nothing known: the pack's default zone)
     * @param bindingZone the zone whose window opens at the DEFER instant: the one that kept the borrower waiting
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ExplainView(String borrowerId, String channel, Instant at, String localTime, List<String> zones,
                              List<LocationView> locations, String bindingZone,
                              boolean zoneAssumed, String rulePack, String decision, List<String> reasons, Instant until,
                              Instant nextAllowed, List<RuleVerdict> rules, Map<String, Integer> counters,
                              List<BorrowerFlags.Flag> flags, String reminderId, String content) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LocationView(String zone, String source, Instant firstSeen, Instant lastSeen) {}

    @GET
    @RolesAllowed({Roles.OPERATOR, Roles.COMPLIANCE, Roles.ADMIN})
    public ExplainView explain(@QueryParam("borrowerId") String borrowerId, @QueryParam("channel") String channel,
                               @QueryParam("at") String at, @QueryParam("loanId") String loanId,
                               @QueryParam("template") String template, @QueryParam("reminderId") String reminderId) {
        List<FieldError> errors = new ArrayList<>();
        java.util.UUID reminder = null;
        if (reminderId != null) {
            try {
                reminder = java.util.UUID.fromString(reminderId);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("reminderId", "must be a reminder id (UUID)"));
            }
        }
        if (borrowerId == null || borrowerId.isBlank()) errors.add(new FieldError("borrowerId", "is required"));
        ChannelType type = null;
        try {
            type = ChannelType.valueOf(String.valueOf(channel));
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("channel", "must be SMS, EMAIL or VOICE"));
        }
        Instant instant = clock.instant();
        if (at != null) {
            try {
                instant = Instant.parse(at);
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("at", "must be an ISO-8601 UTC instant such as 2026-11-23T14:30:00Z"));
            }
        }
        if (!errors.isEmpty()) throw new ProblemException(Problem.validation(errors));
        ChannelType ch = type;
        Instant when = instant;
        java.util.UUID reminderUuid = reminder;
        return db.read(c -> {
            var record = borrowers.find(c, borrowerId).orElseThrow(() -> ProblemException.notFound("borrower " + borrowerId));
            ReminderRepository.Dispatchable dispatchable = null;
            if (reminderUuid != null) {
                dispatchable = reminders.forDispatch(c, reminderUuid, json).filter(r -> r.request().borrower().id().equals(borrowerId))
                        .orElseThrow(() -> ProblemException.notFound("reminder " + reminderUuid + " of borrower " + borrowerId));
            }
            ReminderRequest request = dispatchable == null ? null : dispatchable.request();
            String loan = request != null ? request.loan().id() : loanId;
            String templateKey = request != null ? request.template() : template;
            String destination = request != null ? DispatchFacts.destination(request, ch)
                    : ch == ChannelType.EMAIL ? record.email() : record.phone();
            // The same history the dispatcher counts: the borrower's contacts and those of its contact points under any id.
            var points = request != null
                    ? request.channels().stream().map(ChannelType::valueOf).map(x -> ContactPoint.addressOf(x, DispatchFacts.destination(request, x)))
                            .filter(java.util.Objects::nonNull).toList()
                    : java.util.stream.Stream.of(ContactPoint.addressOf(ChannelType.SMS, record.phone()),
                            ContactPoint.addressOf(ChannelType.EMAIL, record.email())).filter(java.util.Objects::nonNull).toList();
            // The dispatcher's own load and decide, from the same stored facts (sticky flags, known locations, consent).
            var facts = loader.load(c, record, points, when);
            var b = facts.borrowers().get(borrowerId);
            var contact = ContactDecider.factsFor(b, borrowerId, ch, loan, templateKey, destination,
                    request != null && request.thirdPartyUnder(b.pack().name()), facts.history(),
                    dispatchable == null ? null : dispatchable.notAfter());
            var explained = decider.explain(b.pack(), contact, b, request, ch, when);
            var explanation = explained.explanation();
            var resolved = b.zones();
            Decision d = explanation.decision();
            Instant until = d instanceof Decision.Defer defer ? defer.until() : null;
            return new ExplainView(borrowerId, ch.name(), when,
                    when.atZone(resolved.displayZone()).toOffsetDateTime().toString(),
                    resolved.zones().stream().map(Object::toString).toList(),
                    resolved.locations().stream()
                            .map(l -> new LocationView(l.zone().getId(), l.source().name(), l.firstSeen(), l.lastSeen())).toList(),
                    explanation.bindingZone() == null ? null : explanation.bindingZone().getId(), resolved.assumed(),
                    d.pack(), explained.decision(), explained.reasons(), until, explanation.nextAllowed(),
                    explanation.verdicts(), explanation.counters(), borrowerFlags.list(c, borrowerId, false), reminderId,
                    explained.content());
        });
    }
}
