package io.tixing.dispatch;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tixing.borrower.BorrowerRepository;
import io.tixing.borrower.BorrowerState;
import io.tixing.channel.OutboundMessage;
import io.tixing.contactlog.ContactLogWriter;
import io.tixing.contactlog.LogEntry;
import io.tixing.policy.BorrowerFlag;
import io.tixing.policy.BorrowerProfile;
import io.tixing.policy.ChannelType;
import io.tixing.policy.ContactFacts;
import io.tixing.policy.ContactPoint;
import io.tixing.policy.ContactTarget;
import io.tixing.policy.Decision;
import io.tixing.policy.PolicyEngine;
import io.tixing.reminder.ReminderMetrics;
import io.tixing.reminder.ReminderRepository;
import io.tixing.reminder.ReminderRequest;
import io.tixing.reminder.ReminderStatus;
import io.tixing.rules.BorrowerRules;
import io.tixing.security.Masking;
import io.tixing.template.MessageData;
import io.tixing.template.RenderRequest;
import io.tixing.template.RenderResult;
import io.tixing.template.TemplateService;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The decision transaction of one task: under the borrower's row lock, ask the rule pack, render, and
 * either record the contact as SENDING (the caller then sends) or defer / suppress / fail over.
 */
@ApplicationScoped
class ContactDecider {

    static final String VOICEMAIL_TEMPLATE = "voicemail-neutral";

    private final Clock clock;
    private final ObjectMapper json;
    private final TaskRepository tasks;
    private final ReminderRepository reminders;
    private final BorrowerRepository borrowers;
    private final AttemptRepository attempts;
    private final ContactLogWriter log;
    private final BorrowerRules rules;
    private final PolicyEngine engine;
    private final TemplateService templates;
    private final TaskProgress progress;
    private final LeftoverResolver leftovers;
    private final ReminderMetrics metrics;
    private final Pacer pacer;

    ContactDecider(Clock clock, ObjectMapper json, TaskRepository tasks, ReminderRepository reminders, BorrowerRepository borrowers,
                   AttemptRepository attempts, ContactLogWriter log, BorrowerRules rules, PolicyEngine engine,
                   TemplateService templates, TaskProgress progress, LeftoverResolver leftovers, ReminderMetrics metrics,
                   Pacer pacer) {
        this.clock = clock;
        this.json = json;
        this.tasks = tasks;
        this.reminders = reminders;
        this.borrowers = borrowers;
        this.attempts = attempts;
        this.log = log;
        this.rules = rules;
        this.engine = engine;
        this.templates = templates;
        this.progress = progress;
        this.leftovers = leftovers;
        this.metrics = metrics;
        this.pacer = pacer;
    }

    Step prepare(Connection c, DispatchTask claimed, String worker) throws SQLException {
        var leased = tasks.lockIfLeased(c, claimed.id(), worker);
        if (leased.isEmpty()) return Step.DONE;
        DispatchTask task = leased.get();
        Instant now = clock.instant();
        var reminder = reminders.forDispatch(c, task.reminderId(), json).orElseThrow();
        if (reminder.status() == ReminderStatus.CANCELLED) {
            tasks.finish(c, task.id(), task.channelIndex(), ReminderStatus.CANCELLED.name(), now);
            return Step.DONE;
        }
        ReminderRequest request = reminder.request();
        // Lock order (docs/POLICY.md "Contact points"): borrower row, then every contact point this task may use, in
        // address order. Caps per contact point count other borrower ids' contacts, so they need that point's lock too.
        BorrowerState state = borrowers.lock(c, task.borrowerId(), request.loan().id()).orElseThrow();
        List<ContactPoint> points = new ArrayList<>();
        for (String ch : task.channels()) points.add(ContactPoint.of(ChannelType.valueOf(ch), destination(request, ChannelType.valueOf(ch))));
        borrowers.lockContactPoints(c, points, now);
        // The time is read once the locks are held: a decision that read its clock before waiting for them would be
        // "earlier" than the contact the lock holder just allowed, and a duplicate window ending "now" would miss it.
        now = clock.instant();
        var open = attempts.findSending(c, task.id());
        if (open.isPresent() && !leftovers.resolve(c, task, open.get(), now)) return Step.DONE;

        var resolved = rules.resolve(c, state.borrower()); // every known location, as explain sees them
        // Sticky flags of the person, never the flags of this one request (those were added at intake).
        Set<BorrowerFlag> flags = state.flags();
        var profile = new BorrowerProfile(task.borrowerId(), flags, state.holds(), state.optedOut(),
                resolved.zones().zones(), resolved.zones().assumed());
        var history = attempts.history(c, task.borrowerId(), points.stream().filter(java.util.Objects::nonNull).map(ContactPoint::address).toList(),
                now.minus(resolved.pack().historyHorizon()));
        for (DispatchTask current = task; ; current = next(current)) {
            ChannelType channel = current.channel();
            String destination = destination(request, channel);
            var target = new ContactTarget(channel, request.loan().id(), request.template(), ContactPoint.addressOf(channel, destination),
                    state.invalidDestinations().contains(destination), request.thirdPartyUnder(resolved.pack().name()));
            Decision decision = engine.decideAt(resolved.pack(), new ContactFacts(profile, target, history, reminder.notAfter()), now);
            LogEntry.Builder entry = LogEntry.of(LogEntry.Kind.DECISION, now).borrowerClock(resolved.displayZone())
                    .borrower(task.borrowerId()).loan(request.loan().id()).reminder(task.reminderId()).channel(channel.name())
                    .destinationMasked(Masking.destination(destination)).rulePack(decision.pack()).actor("dispatcher");
            List<String> reasons = decision.reasons().stream().map(Enum::name).toList();
            switch (decision) {
                case Decision.Allow allow -> {
                    var slot = pacer.reserve(c, channel, now);
                    if (slot instanceof Pacer.Slot.Busy busy) {
                        // The channel is booked beyond the allowed wait: come back at the slot, decide again then.
                        tasks.reschedule(c, current.id(), busy.retryAt(), current.channelIndex(), current.retries(), now);
                        return Step.DONE;
                    }
                    var rendered = templates.render(new RenderRequest(request.template(), channel, request.borrower().locale(),
                            resolved.pack().name(), flags, request.messageData()));
                    if (rendered instanceof RenderResult.Rendered r) {
                        UUID attemptId = UUID.randomUUID();
                        var m = r.message();
                        log.append(c, entry.decision("ALLOW").reasons(reasons).attempt(attemptId)
                                .template(m.templateKey(), m.templateVersion()).contentHash(m.contentHash())
                                .detail(m.localeFallback() ? "locale fallback " + m.requestedLocale() + "→" + m.locale() : null).build());
                        metrics.decision("ALLOW", reasons);
                        attempts.insertSending(c, attemptId, current, request.loan().id(), destination, m, now);
                        reminders.setStatus(c, task.reminderId(), ReminderStatus.SENDING, null, now);
                        var message = new OutboundMessage(attemptId, task.reminderId(), task.borrowerId(), channel, destination,
                                request.borrower().locale(), Masking.name(request.borrower().name()), m,
                                channel == ChannelType.VOICE ? voicemail(request, resolved.pack().name(), flags) : null);
                        return new Step.Send(current, message, request.loan().id(), reminder.strategy(), resolved.displayZone(), decision.pack(),
                                ((Pacer.Slot.Reserved) slot).at());
                    }
                    List<String> why = List.of(rendered.suppressionReason());
                    log.append(c, entry.decision("SUPPRESS").reasons(why).detail(rendered.suppressionDetail()).build());
                    metrics.decision("SUPPRESS", why);
                    if (!current.hasNextChannel()) {
                        progress.finish(c, current, ReminderStatus.SUPPRESSED, now);
                        return Step.DONE;
                    }
                }
                case Decision.Defer defer -> {
                    log.append(c, entry.decision("DEFER").reasons(reasons).until(defer.until()).build());
                    metrics.decision("DEFER", reasons);
                    progress.defer(c, current, defer.until(), current.channelIndex(), current.retries(), now);
                    return Step.DONE;
                }
                case Decision.Suppress suppress -> {
                    log.append(c, entry.decision("SUPPRESS").reasons(reasons).build());
                    metrics.decision("SUPPRESS", reasons);
                    if (!current.hasNextChannel()) {
                        progress.finish(c, current, ReminderStatus.SUPPRESSED, now);
                        return Step.DONE;
                    }
                }
                case Decision.Expired expired -> {
                    log.append(c, entry.decision("EXPIRED").reasons(reasons).until(expired.firstLawful()).build());
                    metrics.decision("EXPIRED", reasons);
                    if (!current.hasNextChannel()) {
                        progress.finish(c, current, ReminderStatus.EXPIRED, now);
                        return Step.DONE;
                    }
                }
            }
        }
    }

    /** What an answering machine hears: the neutral call-back request, no debt details. */
    private io.tixing.template.RenderedMessage voicemail(ReminderRequest request, String pack, Set<BorrowerFlag> flags) {
        var result = templates.render(new RenderRequest(VOICEMAIL_TEMPLATE, ChannelType.VOICE, request.borrower().locale(), pack,
                flags, request.messageData()));
        return result instanceof RenderResult.Rendered r ? r.message() : null;
    }

    static String destination(ReminderRequest request, ChannelType channel) {
        return channel == ChannelType.EMAIL ? request.borrower().email() : request.borrower().phone();
    }

    private static DispatchTask next(DispatchTask t) {
        return new DispatchTask(t.id(), t.reminderId(), t.borrowerId(), t.channels(), t.channelIndex() + 1, 0, t.dueAt());
    }
}
