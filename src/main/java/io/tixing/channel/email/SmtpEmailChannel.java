package io.tixing.channel.email;

import io.tixing.channel.Channel;
import io.tixing.channel.OutboundMessage;
import io.tixing.channel.SendResult;
import io.tixing.channel.SendResult.Failure;
import io.tixing.channel.twilio.Backoff;
import io.tixing.policy.ChannelType;
import io.tixing.template.RenderedMessage;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.URLName;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.eclipse.angus.mail.smtp.SMTPTransport;

import java.io.OutputStream;
import java.io.UnsupportedEncodingException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Properties;

/**
 * Live email over SMTP with Jakarta Mail (Angus). Each send opens one connection (TLS per {@link SmtpSettings.TlsMode},
 * AUTH when a user is set), sends a multipart/alternative text + HTML message in UTF-8 and closes it.
 * The Message-ID is {@code <attemptId@from-domain>}, returned as the provider id; {@code List-Unsubscribe} carries
 * a mailto and/or an HTTPS one-click link with the attempt id as token (a random UUID: unguessable, and the
 * unsubscribe endpoint maps it to the borrower). CR and LF are removed from every header value we set.
 */
public final class SmtpEmailChannel implements Channel {

    private final SmtpSettings settings;
    private final Backoff backoff;
    private final Clock clock;
    private final Session session;
    private final InternetAddress from;
    private final InternetAddress replyTo;
    private final String messageIdDomain;

    public SmtpEmailChannel(SmtpSettings settings, Backoff backoff, Clock clock) {
        this.settings = Objects.requireNonNull(settings);
        this.backoff = Objects.requireNonNull(backoff);
        this.clock = Objects.requireNonNull(clock);
        this.session = Session.getInstance(sessionProperties(settings));
        try {
            this.from = address(settings.from());
            this.replyTo = settings.replyTo() == null ? null : address(settings.replyTo());
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new IllegalArgumentException("invalid tixing.smtp.from / reply-to: " + e.getMessage(), e);
        }
        String addr = from.getAddress();
        this.messageIdDomain = addr.substring(addr.indexOf('@') + 1);
    }

    @Override
    public ChannelType type() {
        return ChannelType.EMAIL;
    }

    @Override
    public String mode() {
        return "live";
    }

    @Override
    public SendResult send(OutboundMessage message) {
        String messageId = "<" + message.attemptId() + "@" + messageIdDomain + ">";
        MimeMessage mime;
        try {
            mime = build(message, messageId);
        } catch (MessagingException e) {
            return SmtpErrors.map(e, backoff);
        } catch (RuntimeException e) {
            return new SendResult.Rejected(Failure.PERMANENT, "BUILD", String.valueOf(e.getMessage()));
        }
        String protocol = protocol(settings);
        Transport used = null;
        try (Transport transport = new TrackingTransport(session, protocol)) {
            used = transport;
            transport.connect(settings.host(), settings.port(), settings.user(), settings.user() == null ? null : settings.password());
            transport.sendMessage(mime, mime.getAllRecipients());
            return new SendResult.Accepted(messageId, "sent");
        } catch (MessagingException e) {
            return SmtpErrors.map(e, backoff, afterData(used));
        } catch (RuntimeException e) {
            return new SendResult.Rejected(Failure.PERMANENT, "SMTP", String.valueOf(e.getMessage()));
        }
    }

    /** The server had answered DATA with 354: the message was on its way when the connection failed. */
    private static boolean afterData(Transport transport) {
        return transport instanceof TrackingTransport t && t.dataAccepted;
    }

    /** Angus's SMTP transport, remembering whether the server accepted DATA (its last reply code is lost on an I/O error). */
    private static final class TrackingTransport extends SMTPTransport {
        volatile boolean dataAccepted;

        TrackingTransport(Session session, String protocol) {
            super(session, new URLName(protocol, null, -1, null, null, null), protocol, protocol.equals("smtps"));
        }

        @Override
        protected OutputStream data() throws MessagingException {
            OutputStream out = super.data();
            dataAccepted = true;
            return out;
        }
    }

    MimeMessage build(OutboundMessage message, String messageId) throws MessagingException {
        RenderedMessage content = message.message();
        String to = message.destination();
        if (to == null || to.indexOf('\r') >= 0 || to.indexOf('\n') >= 0) {
            throw new jakarta.mail.internet.AddressException("destination contains CR/LF or is missing");
        }
        MimeMessage mime = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        mime.setFrom(from);
        if (replyTo != null) {
            mime.setReplyTo(new InternetAddress[]{replyTo});
        }
        mime.setRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
        mime.setSubject(headerValue(content.subject()), "UTF-8");
        mime.setSentDate(new Date(clock.millis()));
        String text = content.text() == null ? "" : content.text();
        if (content.html() != null && !content.html().isBlank()) {
            MimeBodyPart plain = new MimeBodyPart();
            plain.setText(text, "UTF-8", "plain");
            MimeBodyPart html = new MimeBodyPart();
            html.setText(content.html(), "UTF-8", "html");
            mime.setContent(new MimeMultipart("alternative", plain, html));
        } else {
            mime.setText(text, "UTF-8", "plain");
        }
        List<String> unsubscribe = unsubscribeLinks(message);
        if (!unsubscribe.isEmpty()) {
            mime.setHeader("List-Unsubscribe", headerValue(String.join(", ", unsubscribe)));
            if (settings.unsubscribeUrlBase() != null) {
                mime.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            }
        }
        mime.saveChanges();
        return mime;
    }

    private List<String> unsubscribeLinks(OutboundMessage message) {
        String token = message.attemptId().toString();
        List<String> links = new ArrayList<>();
        if (settings.unsubscribeMailto() != null) {
            links.add("<mailto:" + settings.unsubscribeMailto() + "?subject="
                    + URLEncoder.encode("unsubscribe " + token, StandardCharsets.UTF_8).replace("+", "%20") + ">");
        }
        if (settings.unsubscribeUrlBase() != null) {
            String base = settings.unsubscribeUrlBase();
            links.add("<" + base + (base.contains("?") ? "&" : "?") + "token=" + token + ">");
        }
        return links;
    }

    /** Removes CR and LF (header injection) and trims; null becomes "". */
    static String headerValue(String value) {
        return value == null ? "" : value.replaceAll("[\\r\\n]+", " ").strip();
    }

    private static InternetAddress address(String value) throws MessagingException, UnsupportedEncodingException {
        InternetAddress a = new InternetAddress(headerValue(value), true);
        if (a.getPersonal() != null) {
            a.setPersonal(a.getPersonal(), "UTF-8");
        }
        return a;
    }

    static String protocol(SmtpSettings s) {
        return s.tlsMode() == SmtpSettings.TlsMode.TLS ? "smtps" : "smtp";
    }

    static Properties sessionProperties(SmtpSettings s) {
        String p = "mail." + protocol(s) + ".";
        Properties props = new Properties();
        props.put("mail.transport.protocol", protocol(s));
        props.put(p + "host", s.host());
        props.put(p + "port", String.valueOf(s.port()));
        props.put(p + "auth", String.valueOf(s.user() != null));
        props.put(p + "connectiontimeout", String.valueOf(s.connectTimeout().toMillis()));
        props.put(p + "timeout", String.valueOf(s.readTimeout().toMillis()));
        props.put(p + "writetimeout", String.valueOf(s.readTimeout().toMillis()));
        switch (s.tlsMode()) {
            case STARTTLS -> {
                props.put(p + "starttls.enable", "true");
                props.put(p + "starttls.required", "true");
                props.put(p + "ssl.checkserveridentity", "true");
            }
            case TLS -> {
                props.put(p + "ssl.enable", "true");
                props.put(p + "ssl.checkserveridentity", "true");
            }
            case NONE -> {
            }
        }
        return props;
    }
}
