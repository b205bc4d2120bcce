package io.tixing.channel.email;

import java.time.Duration;

/**
 * SMTP connection and sender settings (the integrator fills it from {@code tixing.smtp.*}).
 *
 * @param host               SMTP server host
 * @param port               SMTP port (25/587 for NONE or STARTTLS, 465 for TLS)
 * @param tlsMode            NONE (plain, tests and local relays only), STARTTLS (required: no fallback to plain), TLS (SMTPS)
 * @param user               login; null or blank = no AUTH
 * @param password           password for {@code user}
 * @param from               From address, optionally with a display name: {@code 示例银行 <noreply@bank.example>}
 * @param replyTo            Reply-To address, null = none
 * @param unsubscribeMailto  mailbox for {@code List-Unsubscribe: <mailto:…>}, null = no mailto link
 * @param unsubscribeUrlBase HTTPS endpoint for one-click unsubscribe ({@code …/unsubscribe}); {@code ?token=} is appended; null = none
 * @param connectTimeout     TCP connect timeout; null = 10 s
 * @param readTimeout        socket read and write timeout; null = 30 s
 */
public record SmtpSettings(String host, int port, TlsMode tlsMode, String user, String password, String from,
                           String replyTo, String unsubscribeMailto, String unsubscribeUrlBase,
                           Duration connectTimeout, Duration readTimeout) {

    public enum TlsMode { NONE, STARTTLS, TLS }

    public SmtpSettings {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("tixing.smtp.host is required for live email");
        }
        if (from == null || from.isBlank()) {
            throw new IllegalArgumentException("tixing.smtp.from is required for live email");
        }
        tlsMode = tlsMode == null ? TlsMode.STARTTLS : tlsMode;
        user = user == null || user.isBlank() ? null : user;
        replyTo = replyTo == null || replyTo.isBlank() ? null : replyTo;
        unsubscribeMailto = unsubscribeMailto == null || unsubscribeMailto.isBlank() ? null : unsubscribeMailto;
        unsubscribeUrlBase = unsubscribeUrlBase == null || unsubscribeUrlBase.isBlank() ? null : unsubscribeUrlBase;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(30) : readTimeout;
    }

    @Override
    public String toString() { // never print the password
        return "SmtpSettings[host=" + host + ", port=" + port + ", tlsMode=" + tlsMode + ", user=" + user + ", from=" + from
                + ", replyTo=" + replyTo + ", password=***]";
    }
}
