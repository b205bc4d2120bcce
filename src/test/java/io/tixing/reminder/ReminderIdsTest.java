package io.tixing.reminder;

import io.tixing.support.TestClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ReminderIdsTest {

    @Test
    void reminder_ids_are_version_7_unique_and_in_the_order_they_were_made_across_milliseconds() {
        var clock = new TestClock();
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            ids.add(ReminderIds.next(clock));
            clock.advance(Duration.ofMillis(1));
        }

        assertThat(ids).allSatisfy(id -> {
            assertThat(id.version()).isEqualTo(7);
            assertThat(id.variant()).isEqualTo(2); // RFC 9562
        });
        assertThat(new HashSet<>(ids)).hasSize(ids.size());
        // PostgreSQL orders uuid by its bytes: as unsigned hex strings, the order of the index
        List<String> asStored = ids.stream().map(UUID::toString).toList();
        assertThat(asStored).isSorted();
        assertThat(ids.getFirst().getMostSignificantBits() >>> 16).isEqualTo(TestClock.DEFAULT.toEpochMilli());
    }

    @Test
    void ids_made_in_the_same_millisecond_still_differ() {
        var clock = new TestClock();
        var ids = new HashSet<UUID>();
        for (int i = 0; i < 10_000; i++) ids.add(ReminderIds.next(clock));

        assertThat(ids).hasSize(10_000);
    }
}
