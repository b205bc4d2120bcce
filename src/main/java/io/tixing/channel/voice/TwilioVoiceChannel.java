package io.tixing.channel.voice;

import com.twilio.http.HttpMethod;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.type.PhoneNumber;
import com.twilio.type.Twiml;
import io.tixing.channel.Channel;
import io.tixing.channel.OutboundMessage;
import io.tixing.channel.SendResult;
import io.tixing.channel.twilio.Backoff;
import io.tixing.channel.twilio.TwilioErrors;
import io.tixing.channel.twilio.TwilioSettings;
import io.tixing.policy.ChannelType;

import java.util.List;
import java.util.Objects;

/**
 * Live robot calls through Twilio's Calls API with the real SDK. The first TwiML goes inline ({@code Twiml}
 * parameter, at most {@value #MAX_INLINE_TWIML} characters, else a {@code <Redirect>} to the start step): it is the
 * start step without an AnsweredBy (identity question, then the neutral message if no key is pressed), so nothing
 * about the debt is said before the callee presses 1.
 *
 * <p>{@code MachineDetection=DetectMessageEnd}: with inline TwiML Twilio has no URL to send AnsweredBy to, so the
 * detection result only arrives in the status callback; DetectMessageEnd makes Twilio start the TwiML after a
 * machine's greeting and beep, so a voicemail box records the neutral message rather than half of it.
 */
public final class TwilioVoiceChannel implements Channel {

    public static final String STATUS_PATH = "/webhooks/twilio/status";
    public static final int MAX_INLINE_TWIML = 4000;
    public static final String MACHINE_DETECTION = "DetectMessageEnd";
    public static final List<String> STATUS_EVENTS = List.of("initiated", "ringing", "answered", "completed");

    private final TwilioRestClient client;
    private final TwilioSettings settings;
    private final CallFlow flow;
    private final Backoff backoff;

    public TwilioVoiceChannel(TwilioRestClient client, TwilioSettings settings, CallFlow flow, Backoff backoff) {
        this.client = Objects.requireNonNull(client);
        this.settings = Objects.requireNonNull(settings);
        this.flow = Objects.requireNonNull(flow);
        this.backoff = Objects.requireNonNull(backoff);
        if (settings.voiceFrom() == null || settings.voiceFrom().isBlank()) {
            throw new IllegalArgumentException("voice needs tixing.twilio.voice-from");
        }
        if (settings.webhookBaseUrl() == null) {
            throw new IllegalArgumentException("voice needs tixing.twilio.webhook-base-url (the menu runs on webhooks)");
        }
    }

    @Override
    public ChannelType type() {
        return ChannelType.VOICE;
    }

    @Override
    public String mode() {
        return "live";
    }

    /** The TwiML sent inline for this message. */
    public String firstTwiml(OutboundMessage message) {
        String twiml = flow.start(message, null).twiml();
        return twiml.length() <= MAX_INLINE_TWIML ? twiml : flow.redirectToStart(message.attemptId());
    }

    @Override
    public SendResult send(OutboundMessage message) {
        try {
            Call call = Call.creator(new PhoneNumber(message.destination()), new PhoneNumber(settings.voiceFrom()),
                            new Twiml(firstTwiml(message)))
                    .setMachineDetection(MACHINE_DETECTION)
                    .setStatusCallback(settings.webhookUrl(STATUS_PATH + "?attemptId=" + message.attemptId()))
                    .setStatusCallbackEvent(STATUS_EVENTS)
                    .setStatusCallbackMethod(HttpMethod.POST)
                    .create(client);
            return new SendResult.Accepted(call.getSid(), call.getStatus() == null ? "unknown" : call.getStatus().toString());
        } catch (RuntimeException e) {
            return TwilioErrors.map(e, TwilioErrors.VOICE_INVALID_CONTACT_POINT, backoff);
        }
    }
}
