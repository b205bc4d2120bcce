package io.tixing.support;

import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/** The application's clock in tests: pinned, and moved only by the test. Replaces the system clock bean. */
@Singleton
public class TestClock extends Clock {

    /** Monday 2026-11-23 10:00 in Shanghai: inside every pack's window. */
    public static final Instant DEFAULT = Instant.parse("2026-11-23T02:00:00Z");

    private volatile Instant now = DEFAULT;

    public void set(Instant instant) { now = instant; }

    public void setLocal(String localDateTime, String zone) {
        now = ZonedDateTime.of(java.time.LocalDateTime.parse(localDateTime), ZoneId.of(zone)).toInstant();
    }

    public void advance(Duration duration) { now = now.plus(duration); }

    public void reset() { now = DEFAULT; }

    @Override
    public ZoneId getZone() { return ZoneOffset.UTC; }

    @Override
    public Clock withZone(ZoneId zone) { return Clock.fixed(now, zone); }

    @Override
    public Instant instant() { return now; }
}
