package io.tixing.channel;

import io.tixing.channel.email.SmtpEmailChannel;
import io.tixing.channel.email.SmtpSettings;
import io.tixing.channel.sandbox.SandboxChannel;
import io.tixing.channel.sms.RoutedSmsChannel;
import io.tixing.channel.sms.SmsProvider;
import io.tixing.channel.sms.SmsRoutes;
import io.tixing.channel.sms.TwilioSmsChannel;
import io.tixing.channel.sms.aliyun.AliyunSettings;
import io.tixing.channel.sms.aliyun.AliyunSmsProvider;
import io.tixing.channel.sms.aliyun.AliyunTemplates;
import io.tixing.channel.twilio.Backoff;
import io.tixing.channel.twilio.TwilioClients;
import io.tixing.channel.twilio.TwilioSettings;
import io.tixing.channel.voice.CallFlow;
import io.tixing.channel.voice.TwilioVoiceChannel;
import io.tixing.db.Database;
import io.micrometer.core.instrument.MeterRegistry;
import io.tixing.policy.ChannelType;
import io.tixing.template.TemplateConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.Random;

/**
 * The channel used for each channel type, chosen once at start from configuration: live where credentials
 * are set (or demanded), the sandbox recorder otherwise, so a fresh machine runs end to end.
 */
@ApplicationScoped
public class ChannelRegistry {

    private static final Logger LOG = Logger.getLogger(ChannelRegistry.class);

    private final Map<ChannelType, Channel> channels = new EnumMap<>(ChannelType.class);
    private final TwilioSettings twilio;
    private final CallFlow callFlow;
    private final RoutedSmsChannel sms;

    public ChannelRegistry(ChannelConfig config, TwilioConfig twilioConfig, SmtpConfig smtp, AliyunSmsConfig aliyun,
                           SmsRoutingConfig routing, TemplateConfig templates, MeterRegistry metrics, Database db, Clock clock) {
        this.twilio = twilioConfig.hasCredentials() ? settings(twilioConfig) : null;
        this.callFlow = twilio == null ? null : CallFlow.from(twilio, clock);
        var twilioClient = twilio == null ? null : TwilioClients.create(twilio);
        // Provider-level backoff hint only: the dispatcher owns the retry schedule and its limit.
        Backoff hint = Backoff.defaults(new Random());
        List<SmsProvider> smsProviders = new ArrayList<>();
        if (aliyun.hasCredentials()) smsProviders.add(new AliyunSmsProvider(aliyunSettings(aliyun, Path.of(templates.dir())), hint));
        if (twilio != null && (twilio.messagingServiceSid() != null || twilio.smsFrom() != null || smsProviders.isEmpty())) {
            smsProviders.add(new TwilioSmsChannel(twilioClient, twilio, hint)); // without a sender this refuses to start, naming the settings
        }
        this.sms = smsProviders.isEmpty() ? null : new RoutedSmsChannel(smsProviders,
                SmsRoutes.parse(routing.routes(), Set.of(AliyunSmsProvider.NAME, TwilioSmsChannel.NAME),
                        Set.copyOf(smsProviders.stream().map(SmsProvider::name).toList())),
                new RoutedSmsChannel.CircuitSettings(routing.circuit().requestVolume(), routing.circuit().failureRatio(), routing.circuit().delay()),
                clock, metrics);
        for (ChannelType type : ChannelType.values()) {
            String mode = switch (type) {
                case SMS -> config.sms();
                case EMAIL -> config.email();
                case VOICE -> config.voice();
            };
            boolean haveCredentials = switch (type) {
                case EMAIL -> smtp.configured();
                case SMS -> sms != null;
                case VOICE -> twilio != null;
            };
            boolean live = switch (mode) {
                case "live" -> {
                    if (!haveCredentials) throw new IllegalStateException("tixing.channels." + key(type)
                            + "=live but " + switch (type) {
                                case EMAIL -> "tixing.smtp.host/from are";
                                case SMS -> "neither tixing.twilio.account-sid/auth-token nor tixing.aliyun-sms.access-key-id/access-key-secret/sign-name are";
                                case VOICE -> "tixing.twilio.account-sid/auth-token are";
                            } + " not set");
                    yield true;
                }
                case "sandbox" -> false;
                case "auto" -> haveCredentials;
                default -> throw new IllegalStateException("tixing.channels." + key(type) + "=" + mode + ": use auto, sandbox or live");
            };
            Channel channel = !live ? new SandboxChannel(type, db, clock) : switch (type) {
                case SMS -> sms;
                case VOICE -> new TwilioVoiceChannel(twilioClient, twilio, callFlow, hint);
                case EMAIL -> new SmtpEmailChannel(smtpSettings(smtp), hint, clock);
            };
            channels.put(type, channel);
            LOG.infof("channel %s: %s", type, channel.mode());
        }
    }

    public Channel forType(ChannelType type) { return channels.get(type); }

    /** Tests swap a channel for one that misbehaves on purpose. */
    public void replace(Channel channel) { channels.put(channel.type(), channel); }

    /** Twilio settings when configured: webhooks verify signatures with them and drive the call flow. */
    public Optional<TwilioSettings> twilio() { return Optional.ofNullable(twilio); }

    public Optional<CallFlow> callFlow() { return Optional.ofNullable(callFlow); }

    /** The routed live SMS channel (its providers, routes and circuits) when an SMS provider is configured. */
    public Optional<RoutedSmsChannel> smsRouting() { return Optional.ofNullable(sms); }

    private static String key(ChannelType type) { return type.name().toLowerCase(); }

    private static TwilioSettings settings(TwilioConfig c) {
        return new TwilioSettings(c.accountSid().orElseThrow(), c.authToken().orElseThrow(), c.apiBaseUrl(),
                c.messagingServiceSid().orElse(null), c.smsFrom().orElse(null), c.voiceFrom().orElse(null),
                c.webhookBaseUrl().orElse(null), c.agentNumber().orElse(null), c.connectTimeout(), c.readTimeout());
    }

    private static AliyunSettings aliyunSettings(AliyunSmsConfig c, Path templateDir) {
        Map<String, Map<String, AliyunSettings.TemplateCode>> mapping = new LinkedHashMap<>();
        c.templates().forEach((key, byLocale) -> byLocale.forEach((locale, code) ->
                mapping.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(locale, new AliyunSettings.TemplateCode(code.code(), code.params()))));
        return new AliyunSettings(c.accessKeyId().orElseThrow(), c.accessKeySecret().orElseThrow(), c.endpoint(), c.protocol(), c.region(),
                c.signName().orElseThrow(), c.connectTimeout(), c.readTimeout(), AliyunTemplates.validated(mapping, templateDir));
    }

    private static SmtpSettings smtpSettings(SmtpConfig c) {
        return new SmtpSettings(c.host().orElseThrow(), c.port(), SmtpSettings.TlsMode.valueOf(c.tlsMode()), c.user().orElse(null),
                c.password().orElse(null), c.from().orElseThrow(), c.replyTo().orElse(null), c.unsubscribeMailto().orElse(null),
                c.unsubscribeUrlBase().orElse(null), c.connectTimeout(), c.readTimeout());
    }
}
