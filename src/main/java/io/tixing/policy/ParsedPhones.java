package io.tixing.policy;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.Phonenumber;

/**
 * One libphonenumber parse per number for all of policy: a dispatch batch needs each borrower's number both as a
 * contact point ({@link ContactPoint#phone}) and for its zones ({@link KnownLocations#phoneZones}), and parsing — its
 * extension and punctuation regexes — is the costly part of either (less so for plain E.164, see {@link E164}). The parsed value is shared, so it is never
 * modified.
 */
final class ParsedPhones {

    /** Stands for "libphonenumber cannot parse it", which is remembered too. */
    private static final Phonenumber.PhoneNumber UNPARSEABLE = new Phonenumber.PhoneNumber();
    private static final Recent<String, Phonenumber.PhoneNumber> RECENT = new Recent<>(8_192);

    private ParsedPhones() {}

    /** The number {@code trimmed} parses to (no default region: it must carry its +country code), or null. */
    static Phonenumber.PhoneNumber parse(String trimmed) {
        Phonenumber.PhoneNumber known = RECENT.get(trimmed);
        if (known == null) {
            try {
                known = E164.parse(trimmed);
            } catch (NumberParseException e) {
                known = UNPARSEABLE;
            }
            RECENT.put(trimmed, known);
        }
        return known == UNPARSEABLE ? null : known;
    }
}
