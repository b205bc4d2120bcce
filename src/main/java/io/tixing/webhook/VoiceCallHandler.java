package io.tixing.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tixing.borrower.BorrowerRepository;
import io.tixing.borrower.ConsentLedger;
import io.tixing.channel.ChannelRegistry;
import io.tixing.channel.OutboundMessage;
import io.tixing.channel.voice.CallFlow;
import io.tixing.channel.voice.VoiceChoice;
import io.tixing.channel.voice.VoiceStep;
import io.tixing.contactlog.ContactLogWriter;
import io.tixing.contactlog.LogEntry;
import io.tixing.conversation.ReplyEffects;
import io.tixing.db.Database;
import io.tixing.dispatch.AttemptRepository;
import io.tixing.lender.LenderEvents;
import io.tixing.policy.ChannelType;
import io.tixing.reminder.ReminderRepository;
import io.tixing.reminder.ReminderRequest;
import io.tixing.rules.BorrowerRules;
import io.tixing.security.Masking;
import io.tixing.template.RenderRequest;
import io.tixing.template.RenderResult;
import io.tixing.template.RenderedMessage;
import io.tixing.template.TemplateService;
import io.tixing.worklist.Cases;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The voice robot's conversation: each DTMF step is answered with TwiML from {@link CallFlow} (SDK builders only),
 * and each choice is recorded. A confirmed identity makes the call a connected conversation (it counts for caps);
 * a promise to pay, a hardship request, a request for an agent and key 9 (opt out of voice calls) have the same
 * effects as the same thing said by SMS ({@link ReplyEffects}: cadence paused, sticky flag, worklist case, lender
 * event); the call itself is the confirmation, so no confirmation message follows.
 * Each step's choice is recorded once per call (receipt per CallSid and step:choice): a replayed step gets its TwiML
 * again but records nothing. Choices a caller can legitimately repeat (an invalid key, an unreadable date, the
 * identity question being asked) are recorded every time.
 */
@ApplicationScoped
class VoiceCallHandler {

    private final Database db;
    private final Clock clock;
    private final ObjectMapper json;
    private final ChannelRegistry channels;
    private final ReminderRepository reminders;
    private final BorrowerRepository borrowers;
    private final BorrowerRules rules;
    private final TemplateService templates;
    private final ContactLogWriter log;
    private final ConsentLedger consents;
    private final LenderEvents events;
    private final WebhookReceipts receipts;
    private final ReplyEffects effects;
    private final AttemptRepository attempts;

    VoiceCallHandler(Database db, Clock clock, ObjectMapper json, ChannelRegistry channels, ReminderRepository reminders,
                     BorrowerRepository borrowers, BorrowerRules rules, TemplateService templates, ContactLogWriter log,
                     ConsentLedger consents, LenderEvents events, WebhookReceipts receipts, ReplyEffects effects,
                     AttemptRepository attempts) {
        this.effects = effects;
        this.attempts = attempts;
        this.db = db;
        this.clock = clock;
        this.json = json;
        this.channels = channels;
        this.reminders = reminders;
        this.borrowers = borrowers;
        this.rules = rules;
        this.templates = templates;
        this.log = log;
        this.consents = consents;
        this.events = events;
        this.receipts = receipts;
    }

    /** @return TwiML, or empty when the attempt is unknown */
    Optional<String> step(UUID attemptId, String stepName, String digits, String answeredBy, String callSid) {
        CallFlow flow = channels.callFlow().orElseThrow(() -> new IllegalStateException("voice webhooks need Twilio configured"));
        VoiceStep step = VoiceStep.fromParam(stepName == null ? "start" : stepName).orElse(VoiceStep.START);
        return db.inTransaction(c -> {
            var found = AttemptRecord.lock(c, attemptId, null);
            if (found.isEmpty() || !found.get().channel().equals("VOICE")) return Optional.<String>empty();
            AttemptRecord a = found.get();
            var reminder = reminders.forDispatch(c, a.reminderId(), json).orElseThrow();
            var request = reminder.request();
            var borrower = borrowers.find(c, a.borrowerId()).orElseThrow();
            var resolved = rules.resolve(borrower);
            RenderedMessage script = new RenderedMessage(a.templateKey(), a.templateVersion(), ChannelType.VOICE, a.locale(), a.locale(),
                    false, a.body(), null, null, null, 0, List.of(), a.contentHash());
            var voicemail = templates.render(new RenderRequest("voicemail-neutral", ChannelType.VOICE, a.locale(), resolved.pack().name(),
                    borrowers.flagsInForce(c, a.borrowerId()), request.messageData()));
            var message = new OutboundMessage(a.id(), a.reminderId(), a.borrowerId(), ChannelType.VOICE, a.destination(), a.locale(),
                    Masking.name(request.borrower().name()), script,
                    voicemail instanceof RenderResult.Rendered r ? r.message() : null);
            Instant now = clock.instant();
            var reply = flow.respond(step, message, digits, answeredBy, now.atZone(resolved.displayZone()).toLocalDate());
            if (repeatable(reply.choice()) || receipts.firstTime(c, WebhookReceipts.Kind.VOICE_STEP,
                    callSid != null ? callSid : a.providerId() != null ? a.providerId() : a.id().toString(),
                    step.name() + ":" + reply.choice().code(), null, now)) {
                record(c, a, reminder.client(), request.loan(), reply.choice(), resolved.displayZone(), now);
            }
            return Optional.of(reply.twiml());
        });
    }

    private static boolean repeatable(VoiceChoice choice) {
        return choice instanceof VoiceChoice.AwaitingIdentity || choice instanceof VoiceChoice.InvalidChoice
                || choice instanceof VoiceChoice.PromiseDateInvalid;
    }

    private void record(java.sql.Connection c, AttemptRecord a, String client, ReminderRequest.Loan loan, VoiceChoice choice,
                        java.time.ZoneId zone, Instant now) throws java.sql.SQLException {
        log.append(c, LogEntry.of(LogEntry.Kind.INBOUND, now).borrowerClock(zone).borrower(a.borrowerId()).loan(a.loanId())
                .reminder(a.reminderId()).attempt(a.id()).channel("VOICE").destinationMasked(Masking.destination(a.destination()))
                .providerId(a.providerId()).outcome(choice.code()).actor("borrower")
                .detail(choice instanceof VoiceChoice.PromiseToPay p ? "promised date " + p.date() : null).build());
        // The same effects as the same thing said by SMS; each logs itself with the rule (dtmf:…). The call's attempt is
        // their once-only key (the step receipt already stops replays).
        var who = new ReplyEffects.Replier(a.borrowerId(), zone, ChannelType.VOICE, a.destination(), "call:" + a.id(),
                new ReplyEffects.Loan(client, a.loanId(), loan));
        switch (choice) {
            case VoiceChoice.IdentityConfirmed confirmed -> attempts.markConversation(c, a.id(), now);
            case VoiceChoice.PromiseToPay p -> effects.promise(c, who, p.date(), "dtmf:menu-1+date", false, now);
            case VoiceChoice.Hardship h -> effects.hardship(c, who, "dtmf:menu-2", false, now);
            case VoiceChoice.Agent ag -> effects.escalate(c, who, Cases.Kind.AGENT_REQUEST, ag.transferred()
                    ? "pressed 0 and was transferred to an agent: note what was agreed" : "pressed 0 for an agent (no transfer configured): call back", now);
            case VoiceChoice.OptOut o -> effects.optOut(c, who, "key 9 during call " + a.providerId(), now);
            default -> { }
        }
    }
}
