package io.tixing.channel.email;

import io.tixing.channel.SendResult;
import io.tixing.channel.twilio.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An SMTP server that takes the whole message and then never gives its final reply: it may have queued the message,
 * so the outcome is unknown (never retried, which could mail the borrower twice). A server that stalls before DATA
 * certainly has nothing, so that is retried.
 */
class SmtpAfterDataTest {

    private final ServerSocket server;
    private volatile String stallAfter;

    SmtpAfterDataTest() throws IOException {
        server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::serve, "stalling-smtp");
        t.setDaemon(true);
        t.start();
    }

    @AfterEach
    void stop() throws IOException { server.close(); }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                var in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                OutputStream out = s.getOutputStream();
                out.write("220 stalling.example ESMTP\r\n".getBytes(StandardCharsets.US_ASCII));
                boolean inData = false;
                for (String line; (line = in.readLine()) != null; ) {
                    String reply;
                    if (inData) {
                        if (!line.equals(".")) continue;
                        inData = false;
                        if ("DATA".equals(stallAfter)) { Thread.sleep(5_000); return; }
                        reply = "250 queued";
                    } else if (line.startsWith("EHLO") || line.startsWith("HELO")) reply = "250 stalling.example";
                    else if (line.startsWith("MAIL")) reply = "250 ok";
                    else if (line.startsWith("RCPT")) {
                        if ("RCPT".equals(stallAfter)) { Thread.sleep(5_000); return; }
                        reply = "250 ok";
                    } else if (line.equals("DATA")) { inData = true; reply = "354 go ahead"; }
                    else if (line.equals("QUIT")) { out.write("221 bye\r\n".getBytes(StandardCharsets.US_ASCII)); return; }
                    else reply = "250 ok";
                    out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // next connection
            }
        }
    }

    private SendResult send() {
        var settings = new SmtpSettings("127.0.0.1", server.getLocalPort(), SmtpSettings.TlsMode.NONE, null, null,
                "noreply@bank.example", null, null, null, Duration.ofSeconds(2), Duration.ofMillis(700));
        return new SmtpEmailChannel(settings, Fixtures.backoff(), Clock.systemUTC())
                .send(Fixtures.email("wang@example.com", "还款提醒", "您的贷款已逾期3天。", null));
    }

    @Test
    void a_timeout_after_the_message_was_sent_with_data_is_an_unknown_outcome_not_a_retry() {
        stallAfter = "DATA";
        assertThat(send()).isInstanceOfSatisfying(SendResult.Unknown.class, u -> assertThat(u.errorCode()).isEqualTo("SMTP_TIMEOUT_AFTER_DATA"));
    }

    @Test
    void a_timeout_before_data_is_retried_later() {
        stallAfter = "RCPT";
        assertThat(send()).isInstanceOf(SendResult.RetryLater.class);
    }

    @Test
    void the_stalling_server_takes_mail_normally_when_it_does_not_stall() {
        stallAfter = null;
        assertThat(send()).isInstanceOf(SendResult.Accepted.class);
    }
}
