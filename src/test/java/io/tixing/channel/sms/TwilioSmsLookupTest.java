package io.tixing.channel.sms;

import io.tixing.channel.ProviderLookup;
import io.tixing.channel.twilio.FakeTwilio;
import io.tixing.channel.twilio.Fixtures;
import io.tixing.channel.twilio.TwilioClients;
import io.tixing.channel.twilio.TwilioSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** After a crash, Twilio is asked whether it has the attempt: its message list by To, around the time it was sent. */
class TwilioSmsLookupTest {

    final FakeTwilio twilio = new FakeTwilio();

    @AfterEach
    void stop() { twilio.close(); }

    TwilioSmsChannel channel() {
        twilio.keepsMessages();
        TwilioSettings ts = twilio.settings("MG11111111111111111111111111111111", null, Duration.ofSeconds(1));
        return new TwilioSmsChannel(TwilioClients.create(ts), ts, Fixtures.backoff());
    }

    @Test
    void a_message_twilio_took_though_its_answer_never_came_is_found_with_its_sid() {
        var channel = channel();
        twilio.keepsMessagesAnsweringLate(Duration.ofSeconds(2));
        UUID attempt = UUID.randomUUID();
        Instant sentAt = Instant.now();

        var answer = channel.attempt(Fixtures.sms(attempt, "+85291234567", "hello", Map.of()));

        assertThat(answer.result()).isInstanceOf(io.tixing.channel.SendResult.Unknown.class);
        assertThat(channel.lookup(attempt, "+85291234567", sentAt)).isInstanceOfSatisfying(ProviderLookup.Found.class,
                f -> assertThat(f.providerId()).isEqualTo(twilio.messages.created().getFirst().sid()));
    }

    @Test
    void nothing_to_that_number_since_the_attempt_is_certainly_not_found() {
        var channel = channel();
        channel.attempt(Fixtures.sms(UUID.randomUUID(), "+85291234567", "earlier", Map.of()));

        assertThat(channel.lookup(UUID.randomUUID(), "+85291234567", Instant.now().plus(Duration.ofMinutes(30)))).isInstanceOf(ProviderLookup.NotFound.class);
        assertThat(channel.lookup(UUID.randomUUID(), "+85290000000", Instant.now())).isInstanceOf(ProviderLookup.NotFound.class);
    }

    @Test
    void a_failed_list_or_two_candidates_leave_the_outcome_unknown() {
        var channel = channel();
        Instant sentAt = Instant.now();
        channel.attempt(Fixtures.sms(UUID.randomUUID(), "+85291234567", "one", Map.of()));
        channel.attempt(Fixtures.sms(UUID.randomUUID(), "+85291234567", "two", Map.of()));

        assertThat(channel.lookup(UUID.randomUUID(), "+85291234567", sentAt)).isInstanceOf(ProviderLookup.Unknown.class);
        twilio.listFails(true);
        assertThat(channel.lookup(UUID.randomUUID(), "+85290000000", sentAt)).isInstanceOf(ProviderLookup.Unknown.class);
    }
}
