package io.tixing.channel.voice;

import com.twilio.http.HttpMethod;
import com.twilio.twiml.TwiML;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Dial;
import com.twilio.twiml.voice.Gather;
import com.twilio.twiml.voice.Hangup;
import com.twilio.twiml.voice.Number;
import com.twilio.twiml.voice.Pause;
import com.twilio.twiml.voice.Redirect;
import com.twilio.twiml.voice.Say;
import io.tixing.channel.OutboundMessage;
import io.tixing.channel.twilio.TwilioSettings;
import io.tixing.channel.voice.VoicePrompts.Key;
import io.tixing.template.MessageFormatting;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The voice robot's script, one method per step; every TwiML document is built with the SDK builders, so text
 * (masked name, template script) is always XML-escaped. The same class makes the first TwiML (inline in the
 * Calls API request) and answers the voice webhook {@code POST /webhooks/twilio/voice/{attemptId}?step=…}.
 *
 * <pre>
 * start ── AnsweredBy machine_* / fax ─→ neutral call-back message, hang up            (MACHINE)
 *   │   else: Gather 1 digit "press 1 if you are 王姓客户 / J. S." ─ no key → neutral message, hang up
 *   ▼
 * identity ── Digits≠1 → polite goodbye, no debt details                              (IDENTITY_REFUSED)
 *   │ Digits=1: reminder script, then Gather menu                                       (IDENTITY_CONFIRMED)
 *   ▼
 * menu ── 1 → Gather date (YYYYMMDD or days, #) → promise-date                          (PROMISE_DATE_REQUESTED)
 *      ── 2 → instalment / hardship noted, goodbye                                      (HARDSHIP)
 *      ── 0 → Dial agent number (none configured: "we will call back")                  (AGENT)
 *      ── 9 → no more voice calls, goodbye                                              (OPT_OUT)
 *      ── other / none → menu again                                                     (INVALID_CHOICE)
 * promise-date ── valid (today .. today+90 days) → confirm date, goodbye                (PROMISE_TO_PAY)
 *              ── invalid → ask again                                                   (PROMISE_DATE_INVALID)
 * </pre>
 */
public final class CallFlow {

    public static final String VOICE_PATH = "/webhooks/twilio/voice/";
    /** Latest promise date accepted, counted from the borrower's today. */
    public static final int MAX_PROMISE_DAYS = 90;
    private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT);

    private final String webhookBaseUrl;
    private final String agentNumber;
    private final String agentCallerId;
    private final Clock clock;

    /**
     * @param webhookBaseUrl public base URL of the gateway (Gather actions point under it)
     * @param agentNumber    E.164 number for menu "0"; null = no transfer
     * @param agentCallerId  caller id shown to the agent (our voice number); null = Twilio's default
     * @param clock          today's date for "pay in N days"
     */
    public CallFlow(String webhookBaseUrl, String agentNumber, String agentCallerId, Clock clock) {
        Objects.requireNonNull(webhookBaseUrl, "webhook base URL is required for voice");
        this.webhookBaseUrl = webhookBaseUrl.endsWith("/") ? webhookBaseUrl.substring(0, webhookBaseUrl.length() - 1) : webhookBaseUrl;
        this.agentNumber = agentNumber == null || agentNumber.isBlank() ? null : agentNumber;
        this.agentCallerId = agentCallerId == null || agentCallerId.isBlank() ? null : agentCallerId;
        this.clock = Objects.requireNonNull(clock);
    }

    public static CallFlow from(TwilioSettings settings, Clock clock) {
        return new CallFlow(settings.webhookBaseUrl(), settings.agentNumber(), settings.voiceFrom(), clock);
    }

    /** The webhook URL of {@code step} for this attempt. */
    public String stepUrl(UUID attemptId, VoiceStep step) {
        return webhookBaseUrl + VOICE_PATH + attemptId + "?step=" + step.param();
    }

    /**
     * One webhook turn.
     *
     * @param answeredBy Twilio's AnsweredBy (start step), may be null
     * @param digits     Twilio's Digits, may be null
     * @param today      the borrower's local date (promise-date step); null = today in the locale's default zone
     */
    public VoiceReply respond(VoiceStep step, OutboundMessage message, String digits, String answeredBy, LocalDate today) {
        return switch (step) {
            case START -> start(message, answeredBy);
            case IDENTITY -> identity(message, digits);
            case MENU -> menu(message, digits);
            case PROMISE_DATE -> promiseDate(message, digits, today);
        };
    }

    public VoiceReply start(OutboundMessage m, String answeredBy) {
        VoiceLocale l = locale(m);
        if (isMachine(answeredBy)) {
            return reply(new VoiceChoice.Machine(answeredBy), r -> r.say(say(l, voicemail(m, l))).hangup(hangup()));
        }
        // Stars are unspeakable ("J star star star"): the robot says the surname in the polite form, or the initials.
        String question = VoicePrompts.get(l, Key.IDENTITY).replace("{name}", MessageFormatting.spokenName(m.maskedName(), switch (l) {
            case ZH_CN -> "zh-CN";
            case ZH_TW -> "zh-TW";
            case ZH_HK -> "zh-HK";
            case EN_US -> "en-US";
        }));
        return reply(new VoiceChoice.AwaitingIdentity(), r -> r
                .gather(gather(m.attemptId(), VoiceStep.IDENTITY, 1, say(l, question)))
                .say(say(l, voicemail(m, l)))
                .hangup(hangup()));
    }

    public VoiceReply identity(OutboundMessage m, String digits) {
        VoiceLocale l = locale(m);
        if (!"1".equals(clean(digits))) {
            return reply(new VoiceChoice.IdentityRefused(clean(digits)),
                    r -> r.say(say(l, VoicePrompts.get(l, Key.NOT_IDENTIFIED))).hangup(hangup()));
        }
        String script = m.message() == null || m.message().text() == null ? "" : m.message().text();
        return reply(new VoiceChoice.IdentityConfirmed(), r -> r
                .say(say(l, script))
                .pause(new Pause.Builder().length(1).build())
                .gather(gather(m.attemptId(), VoiceStep.MENU, 1, say(l, VoicePrompts.get(l, Key.MENU))))
                .say(say(l, VoicePrompts.get(l, Key.GOODBYE)))
                .hangup(hangup()));
    }

    public VoiceReply menu(OutboundMessage m, String digits) {
        VoiceLocale l = locale(m);
        String d = clean(digits);
        switch (d) {
            case "1":
                return reply(new VoiceChoice.PromiseDateRequested(), r -> askDate(r, m, l));
            case "2":
                return reply(new VoiceChoice.Hardship(), r -> r.say(say(l, VoicePrompts.get(l, Key.HARDSHIP))).hangup(hangup()));
            case "0":
                if (agentNumber == null) {
                    return reply(new VoiceChoice.Agent(false),
                            r -> r.say(say(l, VoicePrompts.get(l, Key.AGENT_UNAVAILABLE))).hangup(hangup()));
                }
                Dial.Builder dial = new Dial.Builder().timeout(30).number(new Number.Builder(agentNumber).build());
                if (agentCallerId != null) {
                    dial.callerId(agentCallerId);
                }
                return reply(new VoiceChoice.Agent(true), r -> r
                        .say(say(l, VoicePrompts.get(l, Key.AGENT)))
                        .dial(dial.build())
                        .say(say(l, VoicePrompts.get(l, Key.GOODBYE)))
                        .hangup(hangup()));
            case "9":
                return reply(new VoiceChoice.OptOut(), r -> r.say(say(l, VoicePrompts.get(l, Key.OPT_OUT))).hangup(hangup()));
            default:
                return reply(new VoiceChoice.InvalidChoice(d), r -> {
                    if (!d.isEmpty()) {
                        r.say(say(l, VoicePrompts.get(l, Key.INVALID_CHOICE)));
                    }
                    r.gather(gather(m.attemptId(), VoiceStep.MENU, 1, say(l, VoicePrompts.get(l, Key.MENU))))
                            .say(say(l, VoicePrompts.get(l, Key.GOODBYE)))
                            .hangup(hangup());
                });
        }
    }

    public VoiceReply promiseDate(OutboundMessage m, String digits, LocalDate today) {
        VoiceLocale l = locale(m);
        LocalDate localToday = today != null ? today : LocalDate.now(clock.withZone(l.defaultZone()));
        String d = clean(digits);
        LocalDate date = parsePromiseDate(d, localToday);
        if (date == null) {
            return reply(new VoiceChoice.PromiseDateInvalid(d), r -> {
                r.say(say(l, VoicePrompts.get(l, Key.PROMISE_DATE_INVALID)));
                askDate(r, m, l);
            });
        }
        String spoken = VoicePrompts.get(l, Key.PROMISE_CONFIRMED).replace("{date}", l.dateFormat().format(date));
        return reply(new VoiceChoice.PromiseToPay(date), r -> r.say(say(l, spoken)).hangup(hangup()));
    }

    /** A TwiML that only fetches the start step from the webhook (used when the inline TwiML would be too long). */
    public String redirectToStart(UUID attemptId) {
        return toXml(new VoiceResponse.Builder()
                .redirect(new Redirect.Builder(stepUrl(attemptId, VoiceStep.START)).method(HttpMethod.POST).build())
                .build());
    }

    /** 8 digits = YYYYMMDD, 1–3 digits = days from today; null unless within today .. today + {@value #MAX_PROMISE_DAYS} days. */
    static LocalDate parsePromiseDate(String digits, LocalDate today) {
        LocalDate date;
        if (digits.length() == 8) {
            try {
                date = LocalDate.parse(digits, YYYYMMDD);
            } catch (DateTimeParseException e) {
                return null;
            }
        } else if (digits.length() >= 1 && digits.length() <= 3) {
            date = today.plusDays(Integer.parseInt(digits));
        } else {
            return null;
        }
        return date.isBefore(today) || date.isAfter(today.plusDays(MAX_PROMISE_DAYS)) ? null : date;
    }

    private void askDate(VoiceResponse.Builder r, OutboundMessage m, VoiceLocale l) {
        Gather ask = new Gather.Builder()
                .inputs(Gather.Input.DTMF)
                .action(stepUrl(m.attemptId(), VoiceStep.PROMISE_DATE))
                .method(HttpMethod.POST)
                .finishOnKey("#")
                .timeout(10)
                .say(say(l, VoicePrompts.get(l, Key.PROMISE_DATE)))
                .build();
        r.gather(ask).say(say(l, VoicePrompts.get(l, Key.GOODBYE))).hangup(hangup());
    }

    private Gather gather(UUID attemptId, VoiceStep next, int numDigits, Say prompt) {
        return new Gather.Builder()
                .inputs(Gather.Input.DTMF)
                .action(stepUrl(attemptId, next))
                .method(HttpMethod.POST)
                .numDigits(numDigits)
                .timeout(8)
                .say(prompt)
                .build();
    }

    private static Say say(VoiceLocale l, String text) {
        return new Say.Builder(text).language(l.language()).voice(l.voice()).build();
    }

    private static Hangup hangup() {
        return new Hangup.Builder().build();
    }

    private static String voicemail(OutboundMessage m, VoiceLocale l) {
        if (m.voicemail() != null && m.voicemail().text() != null && !m.voicemail().text().isBlank()) {
            return m.voicemail().text();
        }
        return VoicePrompts.get(l, Key.VOICEMAIL);
    }

    private static VoiceLocale locale(OutboundMessage m) {
        String tag = m.message() != null && m.message().locale() != null ? m.message().locale() : m.locale();
        return VoiceLocale.of(tag);
    }

    static boolean isMachine(String answeredBy) {
        return answeredBy != null && (answeredBy.startsWith("machine") || answeredBy.equals("fax"));
    }

    private static String clean(String digits) {
        return digits == null ? "" : digits.replaceAll("[^0-9]", "");
    }

    private static VoiceReply reply(VoiceChoice choice, Consumer<VoiceResponse.Builder> body) {
        VoiceResponse.Builder b = new VoiceResponse.Builder();
        body.accept(b);
        return new VoiceReply(toXml(b.build()), choice);
    }

    private static String toXml(TwiML twiml) {
        return twiml.toXml();
    }
}
