package io.tixing.webhook;

import com.twilio.twiml.MessagingResponse;
import com.twilio.twiml.messaging.Body;
import com.twilio.twiml.messaging.Message;
import io.tixing.borrower.BorrowerRecord;
import io.tixing.borrower.ConsentLedger;
import io.tixing.borrower.ConsentLedger.Change;
import io.tixing.conversation.ReplyEffects;
import io.tixing.contactlog.ContactLogWriter;
import io.tixing.contactlog.LogEntry;
import io.tixing.db.Database;
import io.tixing.db.Sql;
import io.tixing.policy.ChannelType;
import io.tixing.reply.Classified;
import io.tixing.reply.Intent;
import io.tixing.reply.Recognized;
import io.tixing.reply.ReplyClassifier;
import io.tixing.reply.ReplyIntent;
import io.tixing.reply.ReplyRecognizer;
import io.tixing.rules.BorrowerRules;
import io.tixing.security.Masking;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Inbound SMS. The reply is read by {@link ReplyRecognizer} (keyword files, every language at once): an opt-out
 * restricts SMS with source SMS_REPLY, an opt-in lifts only SMS_REPLY restrictions. Every message — recognised or
 * not, from a known borrower or not, first delivery or replay — is an INBOUND contact-log entry saying what was
 * recognised and what it changed. Applied once per MessageSid (receipt in the same transaction as the effect).
 *
 * <p>Confirmations: one reply, in the borrower's language. A STOP is confirmed whenever the borrower is opted out
 * after it, also when they already were (CTIA allows one confirmation per opt-out request; the borrower learns the
 * STOP worked). A START is confirmed only when SMS is really open again; when an operator's, provider's or other
 * opt-out remains, nothing is sent (it would be a message to an opted-out person, and "subscribed" would be false).
 * A replay, a stale event or an unknown sender gets no reply.
 *
 * <p>Every other reply is classified ({@link ReplyClassifier}: wrong number, dispute, hardship, promise to pay, agent,
 * unknown) on the borrower's own calendar and acted on by {@link ReplyEffects}, in the receipt's transaction; the
 * INBOUND entry names the intent, the rule that matched and what was done. Their confirmations are reminders (decided
 * by the policy like any contact), except the apology to a wrong number: the number is no longer the borrower's, so
 * the dispatcher would rightly refuse it; the apology is the TwiML answer to the message and carries no debt detail.
 */
@ApplicationScoped
class InboundSmsHandler {

    private static final Map<String, String> STOPPED = Map.of(
            "zh-CN", "您已退订短信提醒。如需恢复，请回复START。",
            "zh-TW", "您已取消簡訊通知。如需恢復，請回覆START。",
            "zh-HK", "你已取消短訊通知。如需恢復，請回覆START。",
            "en-US", "You are unsubscribed from SMS reminders. Reply START to resubscribe.");
    private static final Map<String, String> STARTED = Map.of(
            "zh-CN", "您已恢复接收短信提醒。回复TD退订。",
            "zh-TW", "您已恢復接收簡訊通知。回覆TD取消。",
            "zh-HK", "你已恢復接收短訊通知。回覆TD取消。",
            "en-US", "You are subscribed to SMS reminders again. Reply STOP to opt out.");
    /** To the holder of a number that is not the borrower's: no name, no creditor, no amount. */
    private static final Map<String, String> SORRY = Map.of(
            "zh-CN", "抱歉打扰，我们不会再向此号码发送相关信息。",
            "zh-TW", "抱歉打擾，我們不會再傳送相關訊息至此號碼。",
            "zh-HK", "抱歉打擾，我們不會再向此號碼發送相關訊息。",
            "en-US", "Sorry for the trouble. We will not message this number about it again.");
    private static final int TEXT_IN_LOG = 500;

    private final Database db;
    private final Clock clock;
    private final ContactLogWriter log;
    private final ConsentLedger consents;
    private final ReplyRecognizer recognizer;
    private final WebhookReceipts receipts;
    private final ReplyClassifier classifier;
    private final ReplyEffects effects;
    private final BorrowerRules rules;

    InboundSmsHandler(Database db, Clock clock, ContactLogWriter log, ConsentLedger consents, ReplyRecognizer recognizer,
                      WebhookReceipts receipts, ReplyClassifier classifier, ReplyEffects effects, BorrowerRules rules) {
        this.classifier = classifier;
        this.effects = effects;
        this.rules = rules;
        this.db = db;
        this.clock = clock;
        this.log = log;
        this.consents = consents;
        this.recognizer = recognizer;
        this.receipts = receipts;
    }

    private record Sender(String borrowerId, String locale, BorrowerRecord record) {}

    /**
     * @param providerAt the provider's time of the message, when the webhook carries one (else receipt time orders it)
     * @return the TwiML answer (an empty {@code <Response/>} when there is nothing to say)
     */
    String receive(String from, String text, String messageSid, Instant providerAt) {
        Recognized recognized = recognizer.recognize(text);
        String reply = db.inTransaction(c -> {
            Instant now = clock.instant();
            List<Sender> senders = senders(c, from);
            boolean first = messageSid == null || messageSid.isBlank()
                    || receipts.firstTime(c, WebhookReceipts.Kind.INBOUND_SMS, messageSid, "", providerAt, now);
            if (!first) {
                for (String borrowerId : borrowerIds(senders)) {
                    append(c, borrowerId, from, messageSid, "REPLAY", "MessageSid already applied, nothing changed; " + recognized.describe(), text, now);
                }
                return null;
            }
            if (senders.isEmpty()) {
                append(c, null, from, messageSid, outcome(recognized), recognized.describe() + "; sender=unknown, nothing to change", text, now);
                return null;
            }
            Instant at = providerAt == null ? now : providerAt;
            boolean confirm = true;
            boolean sorry = false;
            for (Sender s : senders) {
                var zone = rules.resolve(s.record()).displayZone();
                Classified classified = classifier.classify(text, at.atZone(zone).toLocalDate());
                if (classified.intent() != Intent.OPT_OUT && classified.intent() != Intent.OPT_IN) {
                    var replier = new ReplyEffects.Replier(s.borrowerId(), zone, ChannelType.SMS, from,
                            messageSid == null || messageSid.isBlank() ? "sms:" + from + ":" + now : messageSid,
                            effects.latestLoan(c, s.borrowerId()).orElse(null));
                    var applied = effects.apply(c, replier, classified, now);
                    append(c, s.borrowerId(), from, messageSid, outcome(classified), classified.describe() + "; effect=" + applied.summary(), text, now);
                    sorry |= classified.intent() == Intent.WRONG_NUMBER;
                    confirm = false;
                    continue;
                }
                String note = "reply " + (messageSid == null ? "" : messageSid + " ") + recognized.intent() + " \"" + recognized.keyword() + "\""
                        + (recognized.needsReview() ? " (ambiguous, needs review)" : "");
                Change change = switch (recognized.intent()) {
                    case OPT_OUT -> consents.restrictAsOf(c, s.borrowerId(), "OPT_OUT", "SMS", null, ConsentLedger.Source.SMS_REPLY, "borrower", note, at);
                    case OPT_IN -> consents.liftFrom(c, s.borrowerId(), "OPT_OUT", "SMS", null, ConsentLedger.Source.SMS_REPLY, "borrower", note, at);
                    case OTHER -> null;
                };
                List<String> remaining = change == null ? List.of() : consents.optedOutBy(c, s.borrowerId(), "SMS");
                String effect = change == null ? "" : "; consent=" + change + "; sms opt-outs in force=" + (remaining.isEmpty() ? "none" : remaining);
                append(c, s.borrowerId(), from, messageSid, outcome(recognized), recognized.describe() + effect, text, now);
                confirm &= switch (recognized.intent()) {
                    case OPT_OUT -> change != Change.STALE && !remaining.isEmpty();
                    case OPT_IN -> change != Change.STALE && remaining.isEmpty();
                    case OTHER -> false;
                };
            }
            if (sorry) return SORRY.get(confirmationLocale(senders.getFirst().locale()));
            if (!confirm) return null;
            Map<String, String> texts = recognized.intent() == ReplyIntent.OPT_OUT ? STOPPED : STARTED;
            return texts.get(confirmationLocale(senders.getFirst().locale()));
        });
        var response = new MessagingResponse.Builder();
        if (reply != null) response.message(new Message.Builder().body(new Body.Builder(reply).build()).build());
        return response.build().toXml();
    }

    /** Outcome of the INBOUND entry of a classified reply (an unknown one stays REPLY, as before classification). */
    private static String outcome(Classified c) {
        return c.intent() == Intent.UNKNOWN ? "REPLY" : c.intent().name();
    }

    /** Outcome of the INBOUND entry; STOP_REVIEW is the worklist of ambiguous opt-outs a person should look at. */
    private static String outcome(Recognized r) {
        return switch (r.intent()) {
            case OPT_OUT -> r.needsReview() ? "STOP_REVIEW" : "STOP";
            case OPT_IN -> "START";
            case OTHER -> "REPLY";
        };
    }

    private static List<Sender> senders(Connection c, String from) throws SQLException {
        List<Sender> out = new ArrayList<>();
        if (from == null) return out;
        try (var ps = Sql.prepare(c, "SELECT * FROM borrower WHERE phone = ? ORDER BY id", from); var rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Sender(rs.getString("id"), rs.getString("locale"), new BorrowerRecord(rs.getString("id"),
                        rs.getString("name"), rs.getString("locale"), rs.getString("timezone"), rs.getString("jurisdiction"),
                        rs.getString("phone"), rs.getString("email"), Sql.strings(rs, "flags"))));
            }
        }
        return out;
    }

    private static List<String> borrowerIds(List<Sender> senders) {
        List<String> ids = new ArrayList<>();
        if (senders.isEmpty()) ids.add(null);
        senders.forEach(s -> ids.add(s.borrowerId()));
        return ids;
    }

    private void append(Connection c, String borrowerId, String from, String messageSid, String outcome, String detail, String text,
                        Instant now) throws SQLException {
        String body = text == null ? "" : text.substring(0, Math.min(text.length(), TEXT_IN_LOG));
        log.append(c, LogEntry.of(LogEntry.Kind.INBOUND, now).borrower(borrowerId).channel("SMS")
                .destinationMasked(from == null ? null : Masking.phone(from)).providerId(messageSid)
                .outcome(outcome).actor("borrower").detail(detail + "; text=" + body).build());
    }

    /** The confirmation's language: zh-HK (and zh-MO, yue), zh-TW (and bare Traditional), zh-CN, else en-US. */
    static String confirmationLocale(String tag) {
        if (tag == null || tag.isBlank()) return "en-US";
        Locale l = Locale.forLanguageTag(tag.replace('_', '-'));
        if (l.getLanguage().equals("yue")) return "zh-HK";
        if (!l.getLanguage().equals("zh")) return "en-US";
        if (l.getCountry().equals("HK") || l.getCountry().equals("MO")) return "zh-HK";
        if (l.getCountry().equals("TW") || l.getScript().equals("Hant")) return "zh-TW";
        return "zh-CN";
    }
}
