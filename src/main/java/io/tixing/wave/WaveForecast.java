package io.tixing.wave;

import io.tixing.api.FieldError;
import io.tixing.borrower.BorrowerRepository;
import io.tixing.db.Database;
import io.tixing.policy.BorrowerProfile;
import io.tixing.policy.ChannelType;
import io.tixing.policy.ContactFacts;
import io.tixing.policy.ContactTarget;
import io.tixing.policy.Decision;
import io.tixing.policy.PolicyEngine;
import io.tixing.reminder.ReminderValidator;
import io.tixing.rules.BorrowerRules;
import io.tixing.template.TemplateService;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * {@code ?dryRun=true}: asks the rule pack about every recipient at the wave's start on their own clock, writing
 * nothing. Contact history is not consulted (a forecast made days ahead could not know it), so caps show up only
 * when the wave actually runs; consent and holds in force today are consulted.
 */
@ApplicationScoped
public class WaveForecast {

    public record Deferral(long count, Instant earliest, Instant latest) {}

    public record Forecast(boolean dryRun, long recipients, long sendAtStart, long deferred, Map<String, Deferral> deferredByReason,
                           long suppressed, Map<String, Long> suppressedByReason, long expired, long invalid,
                           List<WaveIntake.LineErrors> errors) {}

    private final Database db;
    private final Clock clock;
    private final WavePlanner planner;
    private final BorrowerRules rules;
    private final BorrowerRepository borrowers;
    private final PolicyEngine engine;
    private final ReminderValidator validator;

    public WaveForecast(Database db, Clock clock, WavePlanner planner, BorrowerRules rules, BorrowerRepository borrowers,
                        PolicyEngine engine, TemplateService templates) {
        this.db = db;
        this.clock = clock;
        this.planner = planner;
        this.rules = rules;
        this.borrowers = borrowers;
        this.engine = engine;
        this.validator = new ReminderValidator(templates::exists);
    }

    public Forecast forecast(WaveHeader header, Iterator<WaveIntake.Line> lines) {
        UUID probe = new UUID(0, 0);
        return db.read(c -> {
            long total = 0, now = 0, deferred = 0, suppressed = 0, expired = 0, invalid = 0;
            Map<String, Deferral> deferrals = new TreeMap<>();
            Map<String, Long> suppressions = new TreeMap<>();
            List<WaveIntake.LineErrors> errors = new ArrayList<>();
            while (lines.hasNext()) {
                var line = lines.next();
                total++;
                var request = header.reminderFor(probe, line.number(), line.recipient());
                List<FieldError> problems = line.parseErrors().isEmpty()
                        ? validator.validate(request, clock.instant(), planner.factsAsOf(header.start(), request.borrower(), clock.instant()))
                        : line.parseErrors();
                if (!problems.isEmpty()) {
                    invalid++;
                    if (errors.size() < WaveIntake.MAX_REPORTED_ERRORS) errors.add(new WaveIntake.LineErrors(line.number(), problems));
                    continue;
                }
                var b = request.borrower();
                var record = WavePlanner.record(b);
                var resolved = rules.resolve(c, record);
                var state = borrowers.stateOf(c, record, request.loan().id());
                // The line's flags plus the borrower's sticky ones: accepting the line would add, never remove, flags.
                var flags = java.util.EnumSet.noneOf(io.tixing.policy.BorrowerFlag.class);
                flags.addAll(state.flags());
                flags.addAll(request.borrowerFlags());
                var profile = new BorrowerProfile(b.id(), flags, state.holds(), state.optedOut(), resolved.zones().zones(), resolved.zones().assumed());
                Instant start = planner.startFor(header.start(), b);
                Instant notAfter = header.notAfter() == null ? null : Instant.parse(header.notAfter());
                Decision decision = null;
                for (String ch : header.channels()) {
                    ChannelType channel = ChannelType.valueOf(ch);
                    String destination = channel == ChannelType.EMAIL ? b.email() : b.phone();
                    var target = new ContactTarget(channel, request.loan().id(), header.template(), destination,
                            state.invalidDestinations().contains(destination), false);
                    decision = engine.decideAt(resolved.pack(), new ContactFacts(profile, target, List.of(), notAfter), start);
                    if (!(decision instanceof Decision.Suppress)) break;
                }
                String reason = decision.reasons().isEmpty() ? "NONE" : decision.reasons().getFirst().name();
                switch (decision) {
                    case Decision.Allow a -> now++;
                    case Decision.Defer d -> {
                        deferred++;
                        deferrals.merge(reason, new Deferral(1, d.until(), d.until()), (x, y) -> new Deferral(x.count() + 1,
                                x.earliest().isBefore(y.earliest()) ? x.earliest() : y.earliest(),
                                x.latest().isAfter(y.latest()) ? x.latest() : y.latest()));
                    }
                    case Decision.Suppress s -> {
                        suppressed++;
                        suppressions.merge(reason, 1L, Long::sum);
                    }
                    case Decision.Expired e -> expired++;
                }
            }
            return new Forecast(true, total, now, deferred, deferrals, suppressed, suppressions, expired, invalid, errors);
        });
    }
}
