package io.tixing.channel.sms;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
import io.tixing.channel.Channel;
import io.tixing.channel.OutboundMessage;
import io.tixing.channel.SendResult;
import io.tixing.channel.twilio.Backoff;
import io.tixing.channel.twilio.TwilioErrors;
import io.tixing.channel.twilio.TwilioSettings;
import io.tixing.policy.ChannelType;

import java.util.Objects;

/**
 * Live SMS through Twilio's Messages API, with the real SDK. Sender: the messaging service when configured, else
 * {@code smsFrom}. Delivery updates come to {@code /webhooks/twilio/status?attemptId=…}; the attempt id in the
 * callback URL lets the webhook find the attempt even if the callback beats the recording of the message SID.
 * Provider errors are mapped by {@link TwilioErrors}; this class never throws for them.
 */
public final class TwilioSmsChannel implements Channel {

    public static final String STATUS_PATH = "/webhooks/twilio/status";

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
    public SendResult send(OutboundMessage message) {
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
            return new SendResult.Accepted(sent.getSid(), sent.getStatus() == null ? "unknown" : sent.getStatus().toString());
        } catch (RuntimeException e) {
            return TwilioErrors.map(e, TwilioErrors.SMS_INVALID_CONTACT_POINT, backoff);
        }
    }
}
