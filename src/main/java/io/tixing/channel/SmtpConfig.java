package io.tixing.channel;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** SMTP relay for email. With a host and a from address, email goes live (mode {@code auto}). */
@ConfigMapping(prefix = "tixing.smtp")
public interface SmtpConfig {

    Optional<String> host();

    @WithDefault("587")
    int port();

    /** {@code NONE} (local relay), {@code STARTTLS} (required, never falls back to plain text), {@code TLS} (SMTPS). */
    @WithDefault("STARTTLS")
    String tlsMode();

    Optional<String> user();

    Optional<String> password();

    /** e.g. {@code 示例银行 <noreply@bank.example>}; its domain is the Message-ID domain. */
    Optional<String> from();

    Optional<String> replyTo();

    /** {@code List-Unsubscribe} mailto address. */
    Optional<String> unsubscribeMailto();

    /** HTTPS one-click unsubscribe endpoint; {@code ?token=…} is appended. */
    Optional<String> unsubscribeUrlBase();

    @WithDefault("10s")
    Duration connectTimeout();

    @WithDefault("30s")
    Duration readTimeout();

    default boolean configured() { return host().filter(h -> !h.isBlank()).isPresent() && from().isPresent(); }
}
