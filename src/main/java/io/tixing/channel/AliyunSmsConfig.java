package io.tixing.channel;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Alibaba Cloud SMS (阿里云短信, the mainland-China route). Off until an access key and a sign name are set, so a fresh
 * machine runs on the sandbox. Every message needs a provider-approved template code: see {@link #templates()}.
 */
@ConfigMapping(prefix = "tixing.aliyun-sms")
public interface AliyunSmsConfig {

    /** RAM user AccessKey ID (LTAI…). */
    Optional<String> accessKeyId();

    /** RAM user AccessKey secret. Secret. */
    Optional<String> accessKeySecret();

    /** API endpoint host[:port]; tests point it at a fake on 127.0.0.1. */
    @WithDefault("dysmsapi.aliyuncs.com")
    String endpoint();

    /** HTTPS in production; HTTP only for a local fake. */
    @WithDefault("HTTPS")
    String protocol();

    @WithDefault("cn-hangzhou")
    String region();

    /** The approved signature (签名) shown as 【…】 at the start of every message, e.g. 示例银行. */
    Optional<String> signName();

    @WithDefault("5s")
    Duration connectTimeout();

    /** Kept well below the dispatch lease, so a slow call never outlives its claim. */
    @WithDefault("10s")
    Duration readTimeout();

    /**
     * Our template key → locale → the provider's approved template: {@code tixing.aliyun-sms.templates.overdue-reminder.zh-CN.code=SMS_1234}
     * and {@code ….params.<provider param>=<our template variable>}. Start-up refuses a parameter the template's SMS
     * text does not interpolate.
     */
    Map<String, Map<String, TemplateCode>> templates();

    /**
     * The shared secret in the path of the delivery-report and inbound (MO) callback URLs configured in the Alibaba
     * Cloud console: {@code /webhooks/aliyun/{token}/report}. Without it both callbacks answer 403.
     */
    Optional<String> callbackToken();

    /** How often delivery receipts of SENT Alibaba attempts are pulled with QuerySendDetails; {@code off} disables. */
    @WithDefault("5m")
    String receiptPoll();

    /** Only attempts sent within this long are polled (the provider keeps details for 30 days). */
    @WithDefault("P2D")
    Duration receiptPollWindow();

    interface TemplateCode {
        /** SMS_xxxxxxxx as approved in the console. */
        String code();

        /** Provider parameter name → our template variable (name, amount, dueDate, …). */
        Map<String, String> params();
    }

    default boolean hasCredentials() {
        return accessKeyId().filter(s -> !s.isBlank()).isPresent() && accessKeySecret().filter(s -> !s.isBlank()).isPresent()
                && signName().filter(s -> !s.isBlank()).isPresent();
    }
}
