package io.tixing.dispatch;

import io.tixing.channel.OutboundMessage;
import io.tixing.contactlog.LogEntry;
import io.tixing.dispatch.DispatchFacts.BorrowerFacts;
import io.tixing.dispatch.DispatchFacts.TaskFacts;
import io.tixing.policy.BorrowerProfile;
import io.tixing.policy.ChannelType;
import io.tixing.policy.ContactFacts;
import io.tixing.policy.ContactKind;
import io.tixing.policy.ContactPoint;
import io.tixing.policy.ContactTarget;
import io.tixing.policy.Decision;
import io.tixing.policy.Explanation;
import io.tixing.policy.PastContact;
import io.tixing.policy.PolicyEngine;
import io.tixing.policy.RulePack;
import io.tixing.reminder.ReminderRequest;
import io.tixing.reminder.ReminderStatus;
import io.tixing.security.Masking;
import io.tixing.template.RenderRequest;
import io.tixing.template.RenderResult;
import io.tixing.template.RenderedMessage;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The decide stage, plain Java: from a batch's {@link DispatchFacts} and one instant, what happens to each task —
 * the channel walk with FIRST_ALLOWED fail-over, the rule pack's decision, the rendering (a failed render suppresses
 * with the reason {@link RenderResult} gives), the voicemail script. Decisions are values ({@link Decided}); the write
 * stage persists them. Within one batch a later task of the same borrower or contact point sees the earlier ALLOWs
 * of the batch as history, exactly as if they had been decided one after the other under the same locks.
 */
final class ContactDecider {

    static final String VOICEMAIL_TEMPLATE = "voicemail-neutral";

    /** Renders a template; the template service in production, anything in tests. */
    @FunctionalInterface
    interface Renderer {
        RenderResult render(RenderRequest request);
    }

    /** What the write stage does with one task. {@code entries} are its DECISION log entries, in order. */
    sealed interface Decided {
        TaskFacts facts();

        List<LogEntry> entries();

        /** ALLOWed on {@code task}'s channel: record the attempt as SENDING, then hand {@code message} to the channel. */
        record Send(TaskFacts facts, DispatchTask task, OutboundMessage message, ZoneId zone, String rulePack,
                    RulePack pack, ContactFacts seen, List<LogEntry> entries) implements Decided {}

        /** Not now: back to the queue until {@code until}, on {@code task}'s channel. */
        record Defer(TaskFacts facts, DispatchTask task, Instant until, List<LogEntry> entries) implements Decided {}

        /** The task ends without a send (every channel suppressed or expired). */
        record Finish(TaskFacts facts, DispatchTask task, ReminderStatus outcome, List<LogEntry> entries) implements Decided {}

        /** The reminder was cancelled while queued: the task ends, the reminder keeps its CANCELLED. */
        record Cancelled(TaskFacts facts, List<LogEntry> entries) implements Decided {}
    }

    private final PolicyEngine engine;
    private final Renderer renderer;
    private final Supplier<UUID> ids;

    ContactDecider(PolicyEngine engine, Renderer renderer) { this(engine, renderer, UUID::randomUUID); }

    ContactDecider(PolicyEngine engine, Renderer renderer, Supplier<UUID> ids) {
        this.engine = engine;
        this.renderer = renderer;
        this.ids = ids;
    }

    /** Decides every task of the batch in claim order, each seeing the batch's earlier ALLOWs. */
    List<Decided> decide(DispatchFacts facts, Instant now) {
        List<PastContact> allowed = new ArrayList<>();
        List<Decided> out = new ArrayList<>(facts.tasks().size());
        for (TaskFacts t : facts.tasks()) {
            Decided d = decide(t, facts.borrowers().get(t.task().borrowerId()), historyOf(t, facts.history(), allowed), now);
            if (d instanceof Decided.Send send) allowed.add(contactOf(send, now));
            out.add(d);
        }
        return out;
    }

    /**
     * The contacts a task's caps count: the borrower's own and those of any contact point it may use, under whatever
     * borrower id they were filed (each attempt once).
     */
    static List<PastContact> historyOf(TaskFacts t, List<PastContact> loaded, List<PastContact> batch) {
        Set<String> points = new HashSet<>();
        for (ContactPoint p : t.points()) points.add(p.address());
        String borrower = t.task().borrowerId();
        List<PastContact> out = new ArrayList<>();
        for (List<PastContact> source : List.of(loaded, batch)) {
            for (PastContact p : source) {
                if (borrower.equals(p.borrowerId()) || (p.contactPoint() != null && points.contains(p.contactPoint()))) out.add(p);
            }
        }
        return out;
    }

    /** An ALLOW of this batch as the history rows the database will hold for it once written. */
    private static PastContact contactOf(Decided.Send send, Instant now) {
        var m = send.message();
        ContactKind kind = m.channel() == ChannelType.VOICE ? ContactKind.DIAL_ATTEMPT : ContactKind.SENT;
        return new PastContact(now, m.channel(), kind, send.facts().request().loan().id(), send.facts().request().template(),
                ContactPoint.addressOf(m.channel(), m.destination()), m.borrowerId());
    }

    /** One task: walk its channels from the current one until one is allowed, deferred, or the list ends. */
    Decided decide(TaskFacts t, BorrowerFacts b, List<PastContact> history, Instant now) {
        var reminder = t.reminder();
        List<LogEntry> entries = new ArrayList<>();
        if (reminder.status() == ReminderStatus.CANCELLED) return new Decided.Cancelled(t, entries);
        ReminderRequest request = t.request();
        for (DispatchTask current = t.task(); ; current = next(current)) {
            ChannelType channel = current.channel();
            String destination = DispatchFacts.destination(request, channel);
            ContactFacts seen = factsFor(t, b, channel, history);
            Decision decision = engine.decideAt(b.pack(), seen, now);
            LogEntry.Builder entry = LogEntry.of(LogEntry.Kind.DECISION, now).borrowerClock(b.displayZone())
                    .borrower(current.borrowerId()).loan(request.loan().id()).reminder(current.reminderId()).channel(channel.name())
                    .destinationMasked(Masking.destination(destination)).rulePack(decision.pack()).actor("dispatcher");
            List<String> reasons = decision.reasons().stream().map(Enum::name).toList();
            ReminderStatus ending;
            switch (decision) {
                case Decision.Allow allow -> {
                    var rendered = renderer.render(new RenderRequest(request.template(), channel, request.borrower().locale(),
                            b.pack().name(), b.flags(), request.messageData()));
                    if (rendered instanceof RenderResult.Rendered r) {
                        UUID attemptId = ids.get();
                        var m = r.message();
                        entries.add(entry.decision("ALLOW").reasons(reasons).attempt(attemptId)
                                .template(m.templateKey(), m.templateVersion()).contentHash(m.contentHash())
                                .detail(m.localeFallback() ? "locale fallback " + m.requestedLocale() + "→" + m.locale() : null).build());
                        var message = new OutboundMessage(attemptId, current.reminderId(), current.borrowerId(), channel, destination,
                                request.borrower().locale(), Masking.name(request.borrower().name()), m,
                                channel == ChannelType.VOICE ? voicemail(request, b) : null);
                        return new Decided.Send(t, current, message, b.displayZone(), decision.pack(), b.pack(), seen, entries);
                    }
                    entries.add(entry.decision("SUPPRESS").reasons(List.of(rendered.suppressionReason()))
                            .detail(rendered.suppressionDetail()).build());
                    ending = ReminderStatus.SUPPRESSED;
                }
                case Decision.Defer defer -> {
                    entries.add(entry.decision("DEFER").reasons(reasons).until(defer.until()).build());
                    return new Decided.Defer(t, current, defer.until(), entries);
                }
                case Decision.Suppress suppress -> {
                    entries.add(entry.decision("SUPPRESS").reasons(reasons).build());
                    ending = ReminderStatus.SUPPRESSED;
                }
                case Decision.Expired expired -> {
                    entries.add(entry.decision("EXPIRED").reasons(reasons).until(expired.firstLawful()).build());
                    ending = ReminderStatus.EXPIRED;
                }
            }
            if (!current.hasNextChannel()) return new Decided.Finish(t, current, ending, entries);
        }
    }

    /**
     * The policy again for an ALLOWed send at a later instant, on the facts it was decided on (a provider failover
     * inside a channel sends later than the decision): null while still allowed, else the first reason code.
     */
    String blockedAt(Decided.Send send, Instant at) {
        Decision d = engine.decideAt(send.pack(), send.seen(), at);
        if (d instanceof Decision.Allow) return null;
        return d.reasons().isEmpty() ? d.kind() : d.reasons().getFirst().name();
    }

    /** What the rule pack is told about one channel of the task. */
    static ContactFacts factsFor(TaskFacts t, BorrowerFacts b, ChannelType channel, List<PastContact> history) {
        ReminderRequest request = t.request();
        return factsFor(b, t.task().borrowerId(), channel, request.loan().id(), request.template(),
                DispatchFacts.destination(request, channel), request.thirdPartyUnder(b.pack().name()), history, t.reminder().notAfter());
    }

    /** The facts of one contact, for the dispatcher and explain alike. */
    static ContactFacts factsFor(BorrowerFacts b, String borrowerId, ChannelType channel, String loan, String template, String destination,
                                 boolean thirdParty, List<PastContact> history, Instant notAfter) {
        var profile = new BorrowerProfile(borrowerId, b.flags(), b.holds(loan), b.optedOut(loan), b.zones().zones(), b.zones().assumed());
        var target = new ContactTarget(channel, loan, template, ContactPoint.addressOf(channel, destination),
                b.invalidDestinations().contains(destination), thirdParty);
        return new ContactFacts(profile, target, history, notAfter);
    }

    /**
     * Explain's answer: the engine's explanation of {@code facts} at {@code at} and, for a reminder the rules allow,
     * what the dispatcher does next — render, where a failed render suppresses with its reason and detail.
     */
    record Explained(Explanation explanation, String decision, List<String> reasons, String content) {}

    Explained explain(RulePack pack, ContactFacts facts, BorrowerFacts b, ReminderRequest request, ChannelType channel, Instant at) {
        var explanation = engine.explain(pack, facts, at);
        Decision d = explanation.decision();
        String decision = d.kind();
        List<String> reasons = d.reasons().stream().map(Enum::name).toList();
        String content = null;
        if (request != null && d instanceof Decision.Allow) {
            var rendered = renderer.render(new RenderRequest(request.template(), channel, request.borrower().locale(), pack.name(),
                    b.flags(), request.messageData()));
            if (!(rendered instanceof RenderResult.Rendered)) {
                decision = "SUPPRESS";
                reasons = List.of(rendered.suppressionReason());
                content = rendered.suppressionDetail();
            }
        }
        return new Explained(explanation, decision, reasons, content);
    }

    /** What an answering machine hears: the neutral call-back request, no debt details. */
    private RenderedMessage voicemail(ReminderRequest request, BorrowerFacts b) {
        var result = renderer.render(new RenderRequest(VOICEMAIL_TEMPLATE, ChannelType.VOICE, request.borrower().locale(), b.pack().name(),
                b.flags(), request.messageData()));
        return result instanceof RenderResult.Rendered r ? r.message() : null;
    }

    private static DispatchTask next(DispatchTask t) {
        return new DispatchTask(t.id(), t.reminderId(), t.borrowerId(), t.channels(), t.channelIndex() + 1, 0, t.dueAt());
    }
}
