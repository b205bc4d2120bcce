package io.tixing.contactlog;

import java.time.Instant;
import java.util.Optional;

/**
 * Raw personal data whose age the contact log dates: it must go before the log entries that date it are purged. The
 * purge calls this port first; io.tixing.privacy implements it (a port here, so the log does not depend on privacy).
 */
public interface RawDataBeforePurge {

    /** Redacts everything past retention at {@code now}; returns what went, for the AUDIT entry, or empty when nothing did. */
    Optional<String> redactExpired(Instant now);
}
