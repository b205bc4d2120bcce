package io.tixing.policy;

import java.time.Instant;
import java.util.List;

/** Everything the engine needs to decide one contact. {@code notAfter} may be null. */
public record ContactFacts(BorrowerProfile borrower, ContactTarget target, List<PastContact> history, Instant notAfter) {
    public ContactFacts {
        history = List.copyOf(history);
    }
}
