package io.tixing.channel.email;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.tixing.channel.SendResult;
import io.tixing.channel.SendResult.Failure;
import io.tixing.channel.twilio.Fixtures;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;

import static org.assertj.core.api.Assertions.assertThat;

class SmtpEmailChannelTest {

    private static final String SUBJECT = "【示例银行】您的贷款已逾期3天，请尽快还款";
    private static final String TEXT = "王小明您好：您在示例银行的贷款¥1,234.50已逾期3天，请致电95555。";
    private static final String HTML = "<p>王小明您好：您在示例银行的贷款<b>¥1,234.50</b>已逾期3天，请致电95555。</p>";

    private GreenMail smtp;

    @BeforeEach
    void start() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
    }

    @AfterEach
    void stop() {
        smtp.stop();
    }

    private SmtpSettings settings(String user, String password) {
        return new SmtpSettings("127.0.0.1", smtp.getSmtp().getPort(), SmtpSettings.TlsMode.NONE, user, password,
                "示例银行 <noreply@bank.example>", "service@bank.example", "unsubscribe@bank.example",
                "https://gw.example.com/unsubscribe", Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    private SmtpEmailChannel channel() {
        return new SmtpEmailChannel(settings(null, null), Fixtures.backoff(), Clock.systemUTC());
    }

    private MimeMessage onlyReceived() {
        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(1);
        return received[0];
    }

    @Test
    void the_borrower_receives_text_and_html_alternatives_in_utf8() throws Exception {
        SendResult result = channel().send(Fixtures.email("wang@example.com", SUBJECT, TEXT, HTML));

        assertThat(result).isInstanceOf(SendResult.Accepted.class);
        MimeMessage m = onlyReceived();
        assertThat(m.getContentType()).startsWith("multipart/alternative");
        MimeMultipart parts = (MimeMultipart) m.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        BodyPart plain = parts.getBodyPart(0);
        BodyPart html = parts.getBodyPart(1);
        assertThat(plain.getContentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
        assertThat(html.getContentType()).startsWith("text/html").containsIgnoringCase("charset=UTF-8");
        assertThat(((String) plain.getContent()).strip()).isEqualTo(TEXT);
        assertThat(((String) html.getContent()).strip()).isEqualTo(HTML);
        assertThat(m.getRecipients(jakarta.mail.Message.RecipientType.TO)).extracting(Object::toString)
                .containsExactly("wang@example.com");
    }

    @Test
    void a_chinese_subject_is_mime_encoded_and_decodes_back() throws Exception {
        channel().send(Fixtures.email("wang@example.com", SUBJECT, TEXT, HTML));

        MimeMessage m = onlyReceived();
        String raw = m.getHeader("Subject")[0];
        assertThat(raw).startsWith("=?UTF-8?").doesNotContain("示例");
        assertThat(MimeUtility.decodeText(MimeUtility.unfold(raw))).isEqualTo(SUBJECT);
        assertThat(m.getSubject()).isEqualTo(SUBJECT);
    }

    @Test
    void from_reply_to_and_unsubscribe_headers_are_set() throws Exception {
        channel().send(Fixtures.email("wang@example.com", SUBJECT, TEXT, HTML));

        MimeMessage m = onlyReceived();
        InternetAddress from = (InternetAddress) m.getFrom()[0];
        assertThat(from.getAddress()).isEqualTo("noreply@bank.example");
        assertThat(from.getPersonal()).isEqualTo("示例银行");
        assertThat(m.getReplyTo()).extracting(Object::toString).containsExactly("service@bank.example");
        assertThat(m.getHeader("List-Unsubscribe")[0]).isEqualTo(
                "<mailto:unsubscribe@bank.example?subject=unsubscribe%20" + Fixtures.ATTEMPT + ">, "
                        + "<https://gw.example.com/unsubscribe?token=" + Fixtures.ATTEMPT + ">");
        assertThat(m.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
    }

    @Test
    void the_message_id_is_the_provider_id() throws Exception {
        SendResult result = channel().send(Fixtures.email("wang@example.com", SUBJECT, TEXT, HTML));

        String expected = "<" + Fixtures.ATTEMPT + "@bank.example>";
        assertThat(result).isEqualTo(new SendResult.Accepted(expected, "sent"));
        assertThat(onlyReceived().getMessageID()).isEqualTo(expected);
    }

    @Test
    void a_subject_carrying_crlf_cannot_add_a_header() throws Exception {
        channel().send(Fixtures.email("wang@example.com", "Reminder\r\nBcc: x@evil.example", TEXT, HTML));

        MimeMessage m = onlyReceived();
        assertThat(m.getHeader("Bcc")).isNull();
        assertThat(m.getSubject()).isEqualTo("Reminder Bcc: x@evil.example");
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        m.writeTo(raw);
        assertThat(raw.toString(StandardCharsets.UTF_8)).doesNotContainPattern("(?m)^Bcc:");
        assertThat(smtp.getReceivedMessagesForDomain("evil.example")).isEmpty();
    }

    @Test
    void a_destination_that_is_not_one_address_is_an_invalid_contact_point() {
        SendResult result = channel().send(Fixtures.email("wang@example.com\r\nBcc: x@evil.example", SUBJECT, TEXT, HTML));

        assertThat(result).isInstanceOfSatisfying(SendResult.Rejected.class,
                r -> assertThat(r.failure()).isEqualTo(Failure.INVALID_CONTACT_POINT));
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void text_only_when_the_template_has_no_html() throws Exception {
        channel().send(Fixtures.email("wang@example.com", SUBJECT, TEXT, null));

        MimeMessage m = onlyReceived();
        assertThat(m.getContentType()).startsWith("text/plain");
        assertThat(((String) m.getContent()).strip()).isEqualTo(TEXT);
    }

    @Test
    void logs_in_when_a_user_is_configured() {
        smtp.setUser("noreply@bank.example", "mailer", "s3cret");

        SendResult result = new SmtpEmailChannel(settings("mailer", "s3cret"), Fixtures.backoff(), Clock.systemUTC())
                .send(Fixtures.email("wang@example.com", SUBJECT, TEXT, HTML));

        assertThat(result).isInstanceOf(SendResult.Accepted.class);
        assertThat(smtp.getReceivedMessages()).hasSize(1);
    }

    @Test
    void a_wrong_password_is_a_permanent_failure() {
        smtp.setUser("noreply@bank.example", "mailer", "s3cret");

        SendResult result = new SmtpEmailChannel(settings("mailer", "wrong"), Fixtures.backoff(), Clock.systemUTC())
                .send(Fixtures.email("wang@example.com", SUBJECT, TEXT, HTML));

        assertThat(result).isInstanceOfSatisfying(SendResult.Rejected.class, r -> assertThat(r.errorCode()).isEqualTo("SMTP_AUTH"));
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void connection_refused_is_retried_later() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        SmtpSettings s = new SmtpSettings("127.0.0.1", closedPort, SmtpSettings.TlsMode.NONE, null, null,
                "noreply@bank.example", null, null, null, Duration.ofSeconds(1), Duration.ofSeconds(1));

        SendResult result = new SmtpEmailChannel(s, Fixtures.backoff(), Clock.systemUTC())
                .send(Fixtures.email("wang@example.com", SUBJECT, TEXT, HTML));

        assertThat(result).isInstanceOfSatisfying(SendResult.RetryLater.class,
                r -> assertThat(r.errorCode()).isEqualTo("SMTP_CONNECTION"));
    }

    @Test
    void a_server_that_never_answers_is_retried_later() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            SmtpSettings s = new SmtpSettings("127.0.0.1", silent.getLocalPort(), SmtpSettings.TlsMode.NONE, null, null,
                    "noreply@bank.example", null, null, null, Duration.ofSeconds(1), Duration.ofMillis(300));

            SendResult result = new SmtpEmailChannel(s, Fixtures.backoff(), Clock.systemUTC())
                    .send(Fixtures.email("wang@example.com", SUBJECT, TEXT, HTML));

            assertThat(result).isInstanceOf(SendResult.RetryLater.class);
        }
    }

    @Test
    void starttls_mode_never_falls_back_to_plain_text() {
        SmtpSettings plainServer = settings(null, null);
        SmtpSettings starttls = new SmtpSettings(plainServer.host(), plainServer.port(), SmtpSettings.TlsMode.STARTTLS,
                null, null, plainServer.from(), null, null, null, Duration.ofSeconds(2), Duration.ofSeconds(2));

        SendResult result = new SmtpEmailChannel(starttls, Fixtures.backoff(), Clock.systemUTC())
                .send(Fixtures.email("wang@example.com", SUBJECT, TEXT, HTML));

        assertThat(result).isNotInstanceOf(SendResult.Accepted.class);
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void starttls_is_required_and_tls_uses_smtps() {
        SmtpSettings base = settings(null, null);
        SmtpSettings starttls = new SmtpSettings("smtp.example", 587, SmtpSettings.TlsMode.STARTTLS, "u", "p",
                base.from(), null, null, null, null, null);
        SmtpSettings tls = new SmtpSettings("smtp.example", 465, SmtpSettings.TlsMode.TLS, null, null,
                base.from(), null, null, null, null, null);

        assertThat(SmtpEmailChannel.sessionProperties(starttls))
                .containsEntry("mail.smtp.starttls.enable", "true")
                .containsEntry("mail.smtp.starttls.required", "true")
                .containsEntry("mail.smtp.auth", "true")
                .containsEntry("mail.smtp.connectiontimeout", "10000")
                .containsEntry("mail.smtp.timeout", "30000");
        assertThat(SmtpEmailChannel.protocol(tls)).isEqualTo("smtps");
        assertThat(SmtpEmailChannel.sessionProperties(tls))
                .containsEntry("mail.smtps.ssl.enable", "true")
                .containsEntry("mail.smtps.ssl.checkserveridentity", "true")
                .containsEntry("mail.smtps.auth", "false");
        assertThat(Collections.list(SmtpEmailChannel.sessionProperties(base).keys())).noneMatch(k -> k.toString().contains("tls"));
    }
}
