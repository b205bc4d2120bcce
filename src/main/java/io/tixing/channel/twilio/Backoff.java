package io.tixing.channel.twilio;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: after failed attempt {@code n} (1-based) wait a uniformly random time in
 * {@code [0, min(max, base * 2^(n-1))]}; after {@code maxAttempts} failures, give up.
 * Generic (SMTP uses it too); it lives here because the Twilio SDK never retries 429 itself.
 * The {@link RandomGenerator} is injected so tests are deterministic; it must be thread-safe if the instance is
 * shared ({@link java.util.Random} is).
 */
public final class Backoff {

    private final Duration base;
    private final Duration max;
    private final int maxAttempts;
    private final RandomGenerator random;

    public Backoff(Duration base, Duration max, int maxAttempts, RandomGenerator random) {
        if (base.isNegative() || base.isZero() || max.compareTo(base) < 0 || maxAttempts < 1) {
            throw new IllegalArgumentException("need 0 < base <= max and maxAttempts >= 1");
        }
        this.base = base;
        this.max = max;
        this.maxAttempts = maxAttempts;
        this.random = Objects.requireNonNull(random);
    }

    /** 30 s base, 1 h cap, 8 attempts. */
    public static Backoff defaults(RandomGenerator random) {
        return new Backoff(Duration.ofSeconds(30), Duration.ofHours(1), 8, random);
    }

    /** The upper bound of the wait after failed attempt {@code attempt}: {@code min(max, base * 2^(attempt-1))}. */
    public Duration ceiling(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt is 1-based");
        }
        long baseMs = base.toMillis();
        long maxMs = max.toMillis();
        int shift = attempt - 1;
        if (shift >= 62 || baseMs > (maxMs >> shift)) {
            return max;
        }
        return Duration.ofMillis(baseMs << shift);
    }

    /** A jittered wait after failed attempt {@code attempt}, ignoring the attempt limit. */
    public Duration delay(int attempt) {
        long ceilingMs = ceiling(attempt).toMillis();
        return Duration.ofMillis(random.nextLong(ceilingMs + 1));
    }

    /** The wait before the next try, or empty when {@code attempt} was the last allowed one. */
    public Optional<Duration> next(int attempt) {
        return exhausted(attempt) ? Optional.empty() : Optional.of(delay(attempt));
    }

    public boolean exhausted(int attempt) {
        return attempt >= maxAttempts;
    }

    public Duration base() {
        return base;
    }

    public Duration max() {
        return max;
    }

    public int maxAttempts() {
        return maxAttempts;
    }
}
