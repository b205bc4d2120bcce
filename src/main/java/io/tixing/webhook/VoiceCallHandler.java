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
import io.tixing.db.Database;
import io.tixing.dispatch.AttemptRepository;
import io.tixing.lender.LenderEvents;
import io.tixing.policy.ChannelType;
import io.tixing.reminder.ReminderRepository;
import io.tixing.rules.BorrowerRules;
import io.tixing.security.Masking;
import io.tixing.template.RenderRequest;
import io.tixing.template.RenderResult;
import io.tixing.template.RenderedMessage;
import io.tixing.template.TemplateService;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The voice robot's conversation: each DTMF step is answered with TwiML from {@link CallFlow} (SDK builders only),
 * and each choice is recorded. A confirmed identity makes the call a connected conversation (it counts for caps);
 * a promise to pay or a hardship request becomes a lender event; key 9 opts the borrower out of voice calls.
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
    private final AttemptRepository attempts;

    VoiceCallHandler(Database db, Clock clock, ObjectMapper json, ChannelRegistry channels, ReminderRepository reminders,
                     BorrowerRepository borrowers, BorrowerRules rules, TemplateService templates, ContactLogWriter log,
                     ConsentLedger consents, LenderEvents events, WebhookReceipts receipts, AttemptRepository attempts) {
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
                record(c, a, reminder.client(), reply.choice(), resolved.displayZone(), now);
            }
            return Optional.of(reply.twiml());
        });
    }

    private static boolean repeatable(VoiceChoice choice) {
        return choice instanceof VoiceChoice.AwaitingIdentity || choice instanceof VoiceChoice.InvalidChoice
                || choice instanceof VoiceChoice.PromiseDateInvalid;
    }

    private void record(java.sql.Connection c, AttemptRecord a, String client, VoiceChoice choice, java.time.ZoneId zone, Instant now)
            throws java.sql.SQLException {
        log.append(c, LogEntry.of(LogEntry.Kind.INBOUND, now).borrowerClock(zone).borrower(a.borrowerId()).loan(a.loanId())
                .reminder(a.reminderId()).attempt(a.id()).channel("VOICE").destinationMasked(Masking.destination(a.destination()))
                .providerId(a.providerId()).outcome(choice.code()).actor("borrower")
                .detail(choice instanceof VoiceChoice.PromiseToPay p ? "promised date " + p.date() : null).build());
        switch (choice) {
            case VoiceChoice.IdentityConfirmed confirmed -> attempts.markConversation(c, a.id(), now);
            case VoiceChoice.PromiseToPay p -> events.record(c, LenderEvents.PROMISE_TO_PAY, LenderEvents.PROMISE_TO_PAY + ":" + a.id(),
                    client, Map.of("borrowerId", a.borrowerId(), "loanId", a.loanId(), "promisedDate", p.date().toString(),
                            "attemptId", a.id().toString()), now);
            case VoiceChoice.Hardship h -> events.record(c, LenderEvents.HARDSHIP, LenderEvents.HARDSHIP + ":" + a.id(), client,
                    Map.of("borrowerId", a.borrowerId(), "loanId", a.loanId(), "attemptId", a.id().toString()), now);
            case VoiceChoice.OptOut o -> consents.restrictAsOf(c, a.borrowerId(), "OPT_OUT", "VOICE", null,
                    ConsentLedger.Source.VOICE_DTMF, "borrower", "key 9 during call " + a.providerId(), now);
            default -> { }
        }
    }
}
