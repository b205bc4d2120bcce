package io.tixing.channel.twilio;

import io.tixing.channel.OutboundMessage;
import io.tixing.policy.ChannelType;
import io.tixing.template.RenderedMessage;

import java.util.List;
import java.util.UUID;
import java.util.random.RandomGenerator;

/** Test data for channel tests. */
public final class Fixtures {

    public static final UUID ATTEMPT = UUID.fromString("5f0c9a52-4a43-4c39-9a43-6f3d4c1f0a11");

    private Fixtures() {
    }

    public static RenderedMessage rendered(ChannelType channel, String locale, String text, String subject, String html) {
        return new RenderedMessage("overdue-reminder", "v1", channel, locale, locale, false, text, subject, html,
                channel == ChannelType.SMS ? "UCS-2" : null, channel == ChannelType.SMS ? 1 : 0, List.of(), "hash");
    }

    public static OutboundMessage sms(String to, String text) {
        return new OutboundMessage(ATTEMPT, UUID.randomUUID(), "B-1001", ChannelType.SMS, to, "zh-CN", "王**",
                rendered(ChannelType.SMS, "zh-CN", text, null, null), null);
    }

    /** An SMS rendered from {@code overdue-reminder} (zh-CN) with the values its template saw. */
    public static OutboundMessage sms(UUID attempt, String to, String text, java.util.Map<String, String> values) {
        var r = rendered(ChannelType.SMS, "zh-CN", text, null, null);
        var withValues = new RenderedMessage(r.templateKey(), r.templateVersion(), r.channel(), r.requestedLocale(), r.locale(),
                r.localeFallback(), r.text(), r.subject(), r.html(), r.smsEncoding(), r.segments(), r.warnings(), r.contentHash(), values);
        return new OutboundMessage(attempt, UUID.randomUUID(), "B-1001", ChannelType.SMS, to, "zh-CN", "王**", withValues, null);
    }

    public static OutboundMessage voice(String to, String locale, String maskedName, String script, String voicemail) {
        return new OutboundMessage(ATTEMPT, UUID.randomUUID(), "B-1001", ChannelType.VOICE, to, locale, maskedName,
                rendered(ChannelType.VOICE, locale, script, null, null),
                voicemail == null ? null : rendered(ChannelType.VOICE, locale, voicemail, null, null));
    }

    public static OutboundMessage email(String to, String subject, String text, String html) {
        return new OutboundMessage(ATTEMPT, UUID.randomUUID(), "B-1001", ChannelType.EMAIL, to, "zh-CN", "王**",
                rendered(ChannelType.EMAIL, "zh-CN", text, subject, html), null);
    }

    /** Always picks the top of the range: jitter becomes the ceiling. */
    public static RandomGenerator maxJitter() {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                return Long.MAX_VALUE;
            }

            @Override
            public long nextLong(long bound) {
                return bound - 1;
            }
        };
    }

    public static Backoff backoff() {
        return new Backoff(java.time.Duration.ofSeconds(30), java.time.Duration.ofMinutes(30), 5, maxJitter());
    }
}
