package io.tixing.reminder;

import java.time.Clock;
import java.util.UUID;

/**
 * Reminder ids are time-ordered UUIDs (RFC 9562 version 7: 48 bits of Unix milliseconds, then 74 random bits from
 * {@link UUID#randomUUID()}'s SecureRandom). A random (version 4) id lands on a random leaf page of every index keyed by
 * it — the reminder's primary key, the dispatch task's and the contact log's reminder indexes — so at a million rows
 * each insert touches a page that is rarely in cache and, after every checkpoint, writes that whole page to the WAL again.
 * Ids in time order are appended to the right edge of those indexes instead. The id says nothing a reminder's answer
 * does not already say ({@code createdAt}), and access is checked by client, never by knowing an id.
 */
final class ReminderIds {

    private ReminderIds() {}

    static UUID next(Clock clock) {
        UUID random = UUID.randomUUID();
        long millis = clock.millis() & 0xFFFF_FFFF_FFFFL;
        long msb = millis << 16 | 0x7000L | random.getMostSignificantBits() & 0x0FFFL;
        return new UUID(msb, random.getLeastSignificantBits()); // the variant bits (10) are randomUUID's already
    }
}
