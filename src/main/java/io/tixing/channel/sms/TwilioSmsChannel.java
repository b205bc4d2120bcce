package io.tixing.channel.sms;

import com.twilio.base.ResourceSet;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
import io.tixing.channel.Channel;
import io.tixing.channel.OutboundMessage;
import io.tixing.channel.ProviderLookup;
import io.tixing.channel.SendResult;
import io.tixing.channel.twilio.Backoff;
import io.tixing.channel.twilio.TwilioErrors;
import io.tixing.channel.twilio.TwilioSettings;
import io.tixing.policy.ChannelType;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Live SMS through Twilio's Messages API, with the real SDK. Sender: the messaging service when configured, else
 * {@code smsFrom}. Delivery updates come to {@code /webhooks/twilio/status?attemptId=…}; the attempt id in the
 * callback URL lets the webhook find the attempt even if the callback beats the recording of the message SID.
 * Provider errors are mapped by {@link TwilioErrors}; this class never throws for them. It is also the "twilio"
 * provider of the routed SMS channel.
 */
public final class TwilioSmsChannel implements Channel, SmsProvider {

    public static final String STATUS_PATH = "/webhooks/twilio/status";
    public static final String NAME = "twilio";
    /** Clock difference between us and Twilio that a lookup tolerates. */
    static final Duration SKEW = Duration.ofMinutes(1);
    /** A message is created at most this long after its attempt was recorded SENDING (pacing wait + read timeout). */
    static final Duration PACING_WAIT = Duration.ofSeconds(10);

    private final TwilioRestClient client;
    private final TwilioSettings settings;
    private final Backoff backoff;

    public TwilioSmsChannel(TwilioRestClient client, TwilioSettings settings, Backoff backoff) {
        this.client = Objects.requireNonNull(client);
        this.settings = Objects.requireNonNull(settings);
        this.backoff = Objects.requireNonNull(backoff);
        if (settings.messagingServiceSid() == null && settings.smsFrom() == null) {
            throw new IllegalArgumentException("SMS needs tixing.twilio.messaging-service-sid or tixing.twilio.sms-from");
        }
    }

    @Override
    public ChannelType type() {
        return ChannelType.SMS;
    }

    @Override
    public String mode() {
        return "live";
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SendResult send(OutboundMessage message) {
        return attempt(message).result();
    }

    @Override
    public Answer attempt(OutboundMessage message) {
        try {
            PhoneNumber to = new PhoneNumber(message.destination());
            String body = message.message().text();
            MessageCreator creator = settings.messagingServiceSid() != null
                    ? Message.creator(to, settings.messagingServiceSid(), body)
                    : Message.creator(to, new PhoneNumber(settings.smsFrom()), body);
            if (settings.webhookBaseUrl() != null) {
                creator.setStatusCallback(settings.webhookUrl(STATUS_PATH + "?attemptId=" + message.attemptId()));
            }
            Message sent = creator.create(client);
            return Answer.of(new SendResult.Accepted(sent.getSid(), sent.getStatus() == null ? "unknown" : sent.getStatus().toString()));
        } catch (RuntimeException e) {
            SendResult result = TwilioErrors.map(e, TwilioErrors.SMS_INVALID_CONTACT_POINT, backoff);
            if (result instanceof SendResult.Unknown unknown) return Answer.maybeReceived(unknown);
            return TwilioErrors.unavailable(e) ? Answer.outage(result) : Answer.of(result);
        }
    }

    @Override
    public ProviderLookup lookup(UUID attemptId) {
        return new ProviderLookup.Unknown("Twilio is searched by destination and time; no destination given");
    }

    /**
     * Lists the messages to {@code destination} (newest first) and keeps the outbound ones Twilio created between
     * {@code sentAt} and the latest moment this attempt could have been handed over (pacing wait + read timeout),
     * give or take a minute of clock skew. The Message resource does not echo the StatusCallback URL that carries
     * our attempt id, so the match is by number and time: one message → Found; none → NotFound; several (two
     * attempts to one number within minutes) → Unknown, never a guess. The list is not filtered by DateSent on
     * purpose: a message still queued at Twilio has none yet, and must still be found.
     */
    @Override
    public ProviderLookup lookup(UUID attemptId, String destination, Instant sentAt) {
        Instant from = sentAt.minus(SKEW);
        Instant until = sentAt.plus(PACING_WAIT).plus(settings.readTimeout()).plus(SKEW);
        List<Message> candidates = new ArrayList<>();
        try {
            ResourceSet<Message> messages = Message.reader().setTo(new PhoneNumber(destination)).setPageSize(50L).read(client);
            for (Message m : messages) {
                Instant created = m.getDateCreated() == null ? null : m.getDateCreated().toInstant();
                if (created == null) continue;
                if (created.isBefore(from)) break; // newest first: everything after this is older
                boolean outbound = m.getDirection() == null || m.getDirection().toString().startsWith("outbound");
                if (outbound && !created.isAfter(until)) candidates.add(m);
            }
        } catch (RuntimeException e) {
            return new ProviderLookup.Unknown("Twilio message list failed: " + e.getMessage());
        }
        if (candidates.isEmpty()) return new ProviderLookup.NotFound();
        if (candidates.size() > 1) {
            return new ProviderLookup.Unknown(candidates.size() + " Twilio messages to this number around " + sentAt + "; cannot tell which");
        }
        Message m = candidates.getFirst();
        return new ProviderLookup.Found(m.getSid(), m.getStatus() == null ? "unknown" : m.getStatus().toString());
    }
}
