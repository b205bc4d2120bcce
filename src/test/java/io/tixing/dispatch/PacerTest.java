package io.tixing.dispatch;

import io.quarkus.test.junit.QuarkusTest;
import io.tixing.db.Database;
import io.tixing.db.Sql;
import io.tixing.policy.ChannelType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class PacerTest {

    @Inject Database db;

    @Test
    void calls_at_one_per_second_get_consecutive_slots_and_the_channel_is_busy_beyond_the_wait() {
        Instant now = Instant.parse("2030-01-01T00:00:00Z"); // far from any other test's slots
        db.inTransaction(c -> Sql.update(c, "UPDATE channel_pace SET next_slot = '-infinity' WHERE channel = 'VOICE'"));
        // Separate transactions stand for separate instances: the row is what they share.
        var first = db.inTransaction(c -> Pacer.reserve(c, ChannelType.VOICE, 1.0, now, Duration.ofSeconds(2)));
        var second = db.inTransaction(c -> Pacer.reserve(c, ChannelType.VOICE, 1.0, now, Duration.ofSeconds(2)));
        var third = db.inTransaction(c -> Pacer.reserve(c, ChannelType.VOICE, 1.0, now, Duration.ofSeconds(2)));
        var fourth = db.inTransaction(c -> Pacer.reserve(c, ChannelType.VOICE, 1.0, now, Duration.ofSeconds(2)));

        assertThat(first).isEqualTo(new Pacer.Slot.Reserved(now));
        assertThat(second).isEqualTo(new Pacer.Slot.Reserved(now.plusSeconds(1)));
        assertThat(third).isEqualTo(new Pacer.Slot.Reserved(now.plusSeconds(2)));
        assertThat(fourth).isEqualTo(new Pacer.Slot.Busy(now.plusSeconds(1))); // come back when the 4th slot is within the wait
        db.inTransaction(c -> Sql.update(c, "UPDATE channel_pace SET next_slot = '-infinity' WHERE channel = 'VOICE'"));
    }
}
