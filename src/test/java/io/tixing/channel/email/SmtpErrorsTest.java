package io.tixing.channel.email;

import io.tixing.channel.SendResult;
import io.tixing.channel.SendResult.Failure;
import io.tixing.channel.twilio.Fixtures;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;

import java.net.SocketTimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

class SmtpErrorsTest {

    private static SendResult map(MessagingException e) {
        return SmtpErrors.map(e, Fixtures.backoff());
    }

    private static SendFailedException recipientRefused(int code) throws AddressException {
        InternetAddress to = new InternetAddress("nobody@example.com");
        SMTPAddressFailedException refused = new SMTPAddressFailedException(to, "RCPT TO:<nobody@example.com>", code,
                code + " 5.1.1 <nobody@example.com>: Recipient address rejected");
        return new SendFailedException("Invalid Addresses", refused, new Address[0], new Address[0], new Address[]{to});
    }

    @Test
    void mailbox_unknown_550_is_an_invalid_contact_point() throws Exception {
        assertThat(map(recipientRefused(550))).isInstanceOfSatisfying(SendResult.Rejected.class, r -> {
            assertThat(r.failure()).isEqualTo(Failure.INVALID_CONTACT_POINT);
            assertThat(r.errorCode()).isEqualTo("SMTP_550");
        });
    }

    @Test
    void mailbox_name_not_allowed_553_is_an_invalid_contact_point() throws Exception {
        assertThat(map(recipientRefused(553))).isInstanceOfSatisfying(SendResult.Rejected.class,
                r -> assertThat(r.failure()).isEqualTo(Failure.INVALID_CONTACT_POINT));
    }

    @Test
    void a_temporary_4xx_refusal_is_retried_later() throws Exception {
        assertThat(map(recipientRefused(451))).isInstanceOfSatisfying(SendResult.RetryLater.class,
                r -> assertThat(r.errorCode()).isEqualTo("SMTP_451"));
    }

    @Test
    void a_5xx_on_data_is_permanent() {
        SMTPSendFailedException e = new SMTPSendFailedException("DATA", 554, "554 5.7.1 rejected as spam", null,
                new Address[0], new Address[0], new Address[0]);
        assertThat(map(e)).isInstanceOfSatisfying(SendResult.Rejected.class, r -> {
            assertThat(r.failure()).isEqualTo(Failure.PERMANENT);
            assertThat(r.errorCode()).isEqualTo("SMTP_554");
        });
    }

    @Test
    void a_malformed_address_is_an_invalid_contact_point() {
        assertThat(map(new AddressException("Illegal address", "wang@@example"))).isInstanceOfSatisfying(SendResult.Rejected.class,
                r -> assertThat(r.failure()).isEqualTo(Failure.INVALID_CONTACT_POINT));
    }

    @Test
    void a_read_timeout_is_retried_later() {
        assertThat(map(new MessagingException("Exception reading response", new SocketTimeoutException("Read timed out"))))
                .isInstanceOf(SendResult.RetryLater.class);
    }

    @Test
    void wrong_credentials_are_permanent() {
        assertThat(map(new AuthenticationFailedException("535 5.7.8 bad credentials")))
                .isInstanceOfSatisfying(SendResult.Rejected.class, r -> assertThat(r.errorCode()).isEqualTo("SMTP_AUTH"));
    }
}
