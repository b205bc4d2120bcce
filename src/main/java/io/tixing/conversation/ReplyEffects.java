package io.tixing.conversation;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tixing.borrower.BorrowerFlags;
import io.tixing.borrower.BorrowerRepository;
import io.tixing.borrower.ConsentLedger;
import io.tixing.borrower.ContactPointExclusions;
import io.tixing.db.Sql;
import io.tixing.lender.LenderEvents;
import io.tixing.policy.BorrowerFlag;
import io.tixing.policy.ChannelType;
import io.tixing.policy.ContactPoint;
import io.tixing.reminder.ReminderIntake;
import io.tixing.reminder.ReminderRepository;
import io.tixing.reminder.ReminderRequest;
import io.tixing.reply.Classified;
import io.tixing.security.Masking;
import io.tixing.template.TemplateService;
import io.tixing.wave.LoanEnrollments;
import io.tixing.worklist.Cases;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What a borrower's reply (SMS) or choice (voice DTMF) changes: one implementation for both, so "明天还" by SMS and
 * "press 1, then the date" on a call have the same effect (docs/CONVERSATIONS.md, "Effects"). Runs in the caller's
 * transaction (the one that records the webhook receipt), so an effect happens once per message or call step.
 *
 * <ul>
 *   <li>WRONG_NUMBER: the contact point is excluded for the borrower for good; lender event {@code borrower.wrong_number}; a case.</li>
 *   <li>DISPUTE: a DISPUTE hold (borrower-wide: stopping on a dispute is the safe side); escalated.</li>
 *   <li>HARDSHIP: the sticky HARDSHIP flag (every later reminder renders as the hardship offer); the offer as the
 *       confirmation; lender event {@code borrower.hardship_requested}; escalated.</li>
 *   <li>PROMISE_TO_PAY: the loan's cadence paused until the day after the date; lender event
 *       {@code borrower.promise_to_pay}; the promise-to-pay confirmation.</li>
 *   <li>AGENT, UNKNOWN: escalated.</li>
 * </ul>
 * "Escalated" is a worklist case and a {@code borrower.escalate} lender event naming it. Confirmations are reminders,
 * decided by the policy and logged like any contact (an opted-out, held or quiet-hours borrower does not get one then).
 */
@ApplicationScoped
public class ReplyEffects {

    /** A confirmation that cannot go out within this long is expired by the policy, not sent late. */
    static final Duration CONFIRMATION_VALIDITY = Duration.ofHours(24);
    /**
     * The acknowledgement of a request for a person ("we will contact you", no debt detail). Not shipped: it is sent
     * once compliance has approved a template under this key (docs/CONVERSATIONS.md, "Effects").
     */
    static final String AGENT_ACKNOWLEDGEMENT = "reply-received";

    /**
     * Who answered, on what, and the loan the conversation is about (null when the gateway knows none).
     *
     * @param ref the message id or call step: the once-only key of the effect and its evidence in the log
     */
    public record Replier(String borrowerId, ZoneId zone, ChannelType channel, String destination, String ref, Loan loan) {}

    /** The loan a reply is about: the client that sent it and its latest facts. */
    public record Loan(String client, String loanId, ReminderRequest.Loan facts) {}

    /** What was done, for the INBOUND entry; the case opened, if any. */
    public record Applied(String summary, UUID caseId) {}

    private final ConsentLedger consents;
    private final BorrowerFlags flags;
    private final BorrowerRepository borrowers;
    private final ContactPointExclusions exclusions;
    private final LenderEvents events;
    private final LoanEnrollments enrollments;
    private final ReminderIntake intake;
    private final ReminderRepository reminders;
    private final Cases cases;
    private final ObjectMapper json;
    private final TemplateService templates;

    public ReplyEffects(ConsentLedger consents, BorrowerFlags flags, BorrowerRepository borrowers, ContactPointExclusions exclusions,
                        LenderEvents events, LoanEnrollments enrollments, ReminderIntake intake, ReminderRepository reminders,
                        Cases cases, ObjectMapper json, TemplateService templates) {
        this.templates = templates;
        this.consents = consents;
        this.flags = flags;
        this.borrowers = borrowers;
        this.exclusions = exclusions;
        this.events = events;
        this.enrollments = enrollments;
        this.intake = intake;
        this.reminders = reminders;
        this.cases = cases;
        this.json = json;
    }

    /** The loan of the borrower's latest reminder (not a confirmation): what an SMS reply is taken to be about. */
    public Optional<Loan> latestLoan(Connection c, String borrowerId) throws SQLException {
        UUID id;
        try (var ps = Sql.prepare(c, """
                SELECT id FROM reminder WHERE borrower_id = ? AND NOT starts_with(request_id, 'reply:')
                ORDER BY created_at DESC LIMIT 1""", borrowerId); var rs = ps.executeQuery()) {
            if (!rs.next()) return Optional.empty();
            id = rs.getObject(1, UUID.class);
        }
        return reminders.forDispatch(c, id, json).map(r -> new Loan(r.client(), r.request().loan().id(), r.request().loan()));
    }

    /** Applies the classified reply (not OPT_OUT / OPT_IN: the consent path handles those). */
    public Applied apply(Connection c, Replier who, Classified reply, Instant now) throws SQLException {
        String rule = reply.rule();
        return switch (reply.intent()) {
            case WRONG_NUMBER -> wrongNumber(c, who, rule, now);
            case DISPUTE -> dispute(c, who, rule, now);
            case HARDSHIP -> hardship(c, who, rule, true, now);
            case PROMISE_TO_PAY -> promise(c, who, reply.promisedDate(), rule, true, now);
            case AGENT -> agent(c, who, rule, now);
            case UNKNOWN -> escalate(c, who, Cases.Kind.UNKNOWN_REPLY, "reply not understood (" + rule + "): a person should read it", now);
            case OPT_OUT, OPT_IN -> new Applied("consent", null);
        };
    }

    /** A borrower's opt-out of the channel they used (SMS reply or DTMF key). */
    public ConsentLedger.Change optOut(Connection c, Replier who, String note, Instant effectiveAt) throws SQLException {
        return consents.restrictAsOf(c, who.borrowerId(), "OPT_OUT", who.channel().name(), null, source(who), "borrower", note, effectiveAt);
    }

    Applied wrongNumber(Connection c, Replier who, String rule, Instant now) throws SQLException {
        ContactPoint point = ContactPoint.of(who.channel(), who.destination());
        if (point == null) return escalate(c, who, Cases.Kind.UNKNOWN_REPLY, "wrong number said, but no contact point known (" + rule + ")", now);
        boolean excluded = exclusions.exclude(c, who.borrowerId(), point,
                who.channel() == ChannelType.VOICE ? ContactPointExclusions.Source.VOICE_DTMF : ContactPointExclusions.Source.SMS_REPLY,
                who.ref(), rule, now);
        String masked = Masking.destination(who.destination());
        if (who.loan() != null) {
            Map<String, Object> payload = payload(who, now);
            payload.put("contactPoint", masked);
            payload.put("channel", who.channel().name());
            payload.put("rule", rule);
            events.record(c, LenderEvents.WRONG_NUMBER, LenderEvents.WRONG_NUMBER + ":" + who.borrowerId() + ":" + masked + ":" + who.ref(),
                    who.loan().client(), payload, now);
        }
        UUID id = cases.open(c, Cases.Kind.WRONG_NUMBER, "reply:" + who.ref() + ":" + who.borrowerId() + ":WRONG_NUMBER", who.borrowerId(),
                client(who), loanId(who), "the holder of " + masked + " says it is not the borrower's (" + rule + "); correct the loan's contact data", now);
        return new Applied((excluded ? "contact point " + masked + " excluded for the borrower" : "contact point " + masked + " was already excluded")
                + "; lender event " + LenderEvents.WRONG_NUMBER + "; case " + id, id);
    }

    Applied dispute(Connection c, Replier who, String rule, Instant now) throws SQLException {
        boolean held = consents.restrict(c, who.borrowerId(), "HOLD", "DISPUTE", null, source(who), "borrower",
                "borrower disputes the debt: " + rule + " (" + who.ref() + ")");
        Applied escalated = escalate(c, who, Cases.Kind.DISPUTE, "borrower disputes the debt (" + rule + "); DISPUTE hold in force", now);
        return new Applied((held ? "DISPUTE hold placed" : "DISPUTE hold already in force") + "; " + escalated.summary(), escalated.caseId());
    }

    /** @param confirm send the hardship offer (an SMS reply); a call has already answered in the call */
    public Applied hardship(Connection c, Replier who, String rule, boolean confirm, Instant now) throws SQLException {
        boolean set = flags.addFromReply(c, who.borrowerId(), BorrowerFlag.HARDSHIP, who.ref(), rule, now);
        List<String> done = new ArrayList<>();
        done.add(set ? "HARDSHIP flag set" : "HARDSHIP flag already in force");
        if (who.loan() != null) {
            Map<String, Object> payload = payload(who, now);
            payload.put("source", who.channel().name());
            payload.put("rule", rule);
            events.record(c, LenderEvents.HARDSHIP, LenderEvents.HARDSHIP + ":" + who.loan().client() + ":" + loanId(who) + ":" + who.ref(),
                    who.loan().client(), payload, now);
            done.add("lender event " + LenderEvents.HARDSHIP);
            if (confirm) confirmation(c, who, "hardship-offer", who.loan().facts(), "HARDSHIP", now).ifPresent(id -> done.add("hardship offer " + id));
        }
        Applied escalated = escalate(c, who, Cases.Kind.HARDSHIP, "borrower reports hardship (" + rule + "); offer instalments or deferral", now);
        done.add(escalated.summary());
        return new Applied(String.join("; ", done), escalated.caseId());
    }

    /** @param confirm send the promise-to-pay confirmation (an SMS reply); a call confirms in the call */
    public Applied promise(Connection c, Replier who, LocalDate date, String rule, boolean confirm, Instant now) throws SQLException {
        if (who.loan() == null) return escalate(c, who, Cases.Kind.UNKNOWN_REPLY, "promise to pay on " + date + " but no loan is known (" + rule + ")", now);
        List<String> done = new ArrayList<>();
        LocalDate resume = date.plusDays(1);
        boolean paused = enrollments.pauseUntil(c, who.loan().client(), loanId(who), who.borrowerId(), resume,
                "promise to pay on " + date + " (" + rule + ")", now);
        done.add(paused ? "cadence paused until " + resume : "loan not in a cadence: nothing to pause");
        Map<String, Object> payload = payload(who, now);
        payload.put("promisedDate", date.toString());
        payload.put("source", who.channel().name());
        payload.put("rule", rule);
        events.record(c, LenderEvents.PROMISE_TO_PAY, LenderEvents.PROMISE_TO_PAY + ":" + who.loan().client() + ":" + loanId(who) + ":" + who.ref(),
                who.loan().client(), payload, now);
        done.add("lender event " + LenderEvents.PROMISE_TO_PAY);
        if (confirm) {
            var l = who.loan().facts();
            var promised = new ReminderRequest.Loan(l.id(), l.creditor(), l.product(), l.amountDue(), l.currency(), date.toString(), null,
                    l.riskTier(), l.hotline());
            confirmation(c, who, "promise-to-pay-confirmation", promised, "PROMISE_TO_PAY", now).ifPresent(id -> done.add("confirmation " + id));
        }
        return new Applied(String.join("; ", done), null);
    }

    Applied agent(Connection c, Replier who, String rule, Instant now) throws SQLException {
        Applied escalated = escalate(c, who, Cases.Kind.AGENT_REQUEST, "asked for a person (" + rule + ")", now);
        if (who.loan() == null || !templates.exists(AGENT_ACKNOWLEDGEMENT)) return escalated;
        return confirmation(c, who, AGENT_ACKNOWLEDGEMENT, who.loan().facts(), "AGENT", now)
                .map(id -> new Applied(escalated.summary() + "; acknowledgement " + id, escalated.caseId())).orElse(escalated);
    }

    /** A case for a person and a {@code borrower.escalate} lender event naming it. */
    public Applied escalate(Connection c, Replier who, Cases.Kind kind, String reason, Instant now) throws SQLException {
        UUID id = cases.open(c, kind, "reply:" + who.ref() + ":" + who.borrowerId() + ":" + kind, who.borrowerId(), client(who), loanId(who), reason, now);
        if (who.loan() == null) return new Applied("case " + id + " (" + kind + ")", id);
        Map<String, Object> payload = payload(who, now);
        payload.put("type", LenderEvents.ESCALATE);
        payload.put("reason", kind.name() + ": " + reason);
        payload.put("caseId", id.toString());
        events.record(c, LenderEvents.ESCALATE, LenderEvents.ESCALATE + ":case:" + id, who.loan().client(), payload, now);
        return new Applied("case " + id + " (" + kind + "); lender event " + LenderEvents.ESCALATE, id);
    }

    /** The confirmation, as a reminder on the channel the borrower used (SMS), decided and logged like any contact. */
    private Optional<UUID> confirmation(Connection c, Replier who, String template, ReminderRequest.Loan loan, String what, Instant now)
            throws SQLException {
        if (who.channel() != ChannelType.SMS) return Optional.empty();
        var b = borrowers.find(c, who.borrowerId()).orElse(null);
        if (b == null || b.phone() == null) return Optional.empty();
        var borrower = new ReminderRequest.Borrower(b.id(), b.name(), b.locale(), b.timezone(), b.jurisdiction(), b.phone(), b.email(), b.flags());
        var request = new ReminderRequest("reply:" + who.ref() + ":" + what, borrower, loan, template, List.of("SMS"), "FIRST_ALLOWED",
                now.plus(CONFIRMATION_VALIDITY).toString());
        return intake.acceptWithin(c, who.loan().client(), request, null, now, now);
    }

    private Map<String, Object> payload(Replier who, Instant now) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("client", who.loan().client());
        p.put("loanId", loanId(who));
        p.put("borrowerId", who.borrowerId());
        p.put("at", now.toString());
        return p;
    }

    private static String client(Replier who) { return who.loan() == null ? null : who.loan().client(); }

    private static String loanId(Replier who) { return who.loan() == null ? null : who.loan().loanId(); }

    private static ConsentLedger.Source source(Replier who) {
        return who.channel() == ChannelType.VOICE ? ConsentLedger.Source.VOICE_DTMF : ConsentLedger.Source.SMS_REPLY;
    }
}
