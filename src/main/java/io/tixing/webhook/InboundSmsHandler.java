package io.tixing.webhook;

import com.twilio.twiml.MessagingResponse;
import com.twilio.twiml.messaging.Body;
import com.twilio.twiml.messaging.Message;
import io.tixing.borrower.ConsentLedger;
import io.tixing.contactlog.ContactLogWriter;
import io.tixing.contactlog.LogEntry;
import io.tixing.db.Database;
import io.tixing.db.Sql;
import io.tixing.security.Masking;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Inbound SMS: a stop keyword (TD, 退订, STOP, 取消, UNSUBSCRIBE…) opts the sender out of SMS; START opts back in.
 * Each is confirmed in the borrower's language. Every inbound message is recorded in the contact log.
 */
@ApplicationScoped
class InboundSmsHandler {

    static final Set<String> STOP = Set.of("TD", "退订", "退訂", "STOP", "STOPALL", "取消", "UNSUBSCRIBE", "CANCEL", "END", "QUIT");
    static final Set<String> START = Set.of("START", "UNSTOP");
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

    private final Database db;
    private final Clock clock;
    private final ContactLogWriter log;
    private final ConsentLedger consents;

    InboundSmsHandler(Database db, Clock clock, ContactLogWriter log, ConsentLedger consents) {
        this.db = db;
        this.clock = clock;
        this.log = log;
        this.consents = consents;
    }

    /** @return the TwiML answer (an empty {@code <Response/>} when there is nothing to say) */
    String receive(String from, String text, String messageSid) {
        String keyword = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
        boolean stop = STOP.contains(keyword);
        boolean start = START.contains(keyword);
        String reply = db.inTransaction(c -> {
            Instant now = clock.instant();
            List<String[]> borrowers = new ArrayList<>();
            try (var ps = Sql.prepare(c, "SELECT id, coalesce(locale, 'en-US') FROM borrower WHERE phone = ?", from); var rs = ps.executeQuery()) {
                while (rs.next()) borrowers.add(new String[] {rs.getString(1), rs.getString(2)});
            }
            String locale = borrowers.isEmpty() ? "en-US" : borrowers.getFirst()[1];
            for (String[] b : borrowers) {
                log.append(c, LogEntry.of(LogEntry.Kind.INBOUND, now).borrower(b[0]).channel("SMS")
                        .destinationMasked(Masking.phone(from)).providerId(messageSid)
                        .outcome(stop ? "STOP" : start ? "START" : "REPLY").actor("borrower")
                        .detail(text == null ? null : text.substring(0, Math.min(text.length(), 500))).build());
                if (stop) consents.restrict(c, b[0], "OPT_OUT", "SMS", null, ConsentLedger.Source.SMS_REPLY, "borrower", "keyword " + keyword);
                if (start) consents.lift(c, b[0], "OPT_OUT", "SMS", null, ConsentLedger.Source.SMS_REPLY, "borrower", "keyword " + keyword);
            }
            if (borrowers.isEmpty() || !(stop || start)) return null;
            return (stop ? STOPPED : STARTED).getOrDefault(locale, (stop ? STOPPED : STARTED).get("en-US"));
        });
        var response = new MessagingResponse.Builder();
        if (reply != null) response.message(new Message.Builder().body(new Body.Builder(reply).build()).build());
        return response.build().toXml();
    }
}
