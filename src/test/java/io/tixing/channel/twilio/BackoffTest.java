package io.tixing.channel.twilio;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), 5, Fixtures.maxJitter());

    @Test
    void the_ceiling_doubles_per_attempt_up_to_the_max() {
        assertThat(backoff.ceiling(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.ceiling(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.ceiling(6)).isEqualTo(Duration.ofSeconds(32));
        assertThat(backoff.ceiling(7)).isEqualTo(Duration.ofSeconds(60));
        assertThat(backoff.ceiling(500)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void full_jitter_stays_between_zero_and_the_ceiling() {
        Backoff seeded = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), 5, new SplittableRandom(42));
        for (int attempt = 1; attempt <= 10; attempt++) {
            for (int i = 0; i < 200; i++) {
                assertThat(seeded.delay(attempt)).isBetween(Duration.ZERO, seeded.ceiling(attempt));
            }
        }
    }

    @Test
    void the_same_seed_gives_the_same_delays() {
        Backoff a = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), 5, new SplittableRandom(7));
        Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), 5, new SplittableRandom(7));
        for (int attempt = 1; attempt <= 5; attempt++) {
            assertThat(a.delay(attempt)).isEqualTo(b.delay(attempt));
        }
    }

    @Test
    void the_top_of_the_jitter_range_is_the_ceiling() {
        assertThat(backoff.delay(3)).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void no_next_try_after_the_last_allowed_attempt() {
        assertThat(backoff.next(4)).contains(Duration.ofSeconds(8));
        assertThat(backoff.next(5)).isEmpty();
        assertThat(backoff.exhausted(5)).isTrue();
    }

    @Test
    void nonsense_bounds_are_refused() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), 3, new SplittableRandom()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 3, new SplittableRandom()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> backoff.ceiling(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
