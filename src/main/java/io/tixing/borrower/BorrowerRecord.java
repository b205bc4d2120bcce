package io.tixing.borrower;

import java.util.List;

/** A borrower's latest facts as sent by a loan system. {@code phone} and {@code email} are full values: never log them. */
public record BorrowerRecord(String id, String name, String locale, String timezone, String jurisdiction, String phone,
                             String email, List<String> flags) {
    public BorrowerRecord {
        flags = flags == null ? List.of() : List.copyOf(flags);
    }
}
