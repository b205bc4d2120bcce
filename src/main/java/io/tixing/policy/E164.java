package io.tixing.policy;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;
import com.google.i18n.phonenumbers.metadata.source.MetadataSource;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * {@code PhoneNumberUtil.parse(number, null)}, with a short way for what intake almost always gets: {@code +} and digits.
 * <p>
 * libphonenumber's parse spends most of its time in regexes for input we never accept here (punctuation, letters,
 * extensions, "tel:" URIs): ~30 µs a number, a fifth of a batch line's service CPU. For plain E.164 its result is just
 * the calling code (the calling codes are prefix-free) and the rest as the national number — unless the region's
 * national prefix for parsing could match the start of that rest, in which case parse may strip it. So the short way
 * builds that result only when the rest starts with no {@code 0} and that prefix pattern does not match it, and leaves
 * every other input, and every error, to libphonenumber itself. {@code E164Test} checks it equals parse for example
 * numbers of every region and type and for random digits after every calling code.
 */
public final class E164 {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final MetadataSource METADATA = DefaultMetadataDependenciesProvider.getInstance().getPhoneNumberMetadataSource();
    private static final Set<Integer> CALLING_CODES = Set.copyOf(PHONES.getSupportedCallingCodes());
    /** libphonenumber's bounds on the national significant number. */
    private static final int MIN_NSN = 2, MAX_NSN = 17;
    /** Per calling code: the national prefix for parsing of the region parse would use, if it has one. */
    private static final Map<Integer, Optional<Pattern>> NATIONAL_PREFIX = new ConcurrentHashMap<>();

    private E164() {}

    /** What {@code PhoneNumberUtil.getInstance().parse(number, null)} answers (the same value, or the same exception). */
    public static PhoneNumber parse(String number) throws NumberParseException {
        PhoneNumber fast = plain(number);
        return fast != null ? fast : PHONES.parse(number, null);
    }

    /** The parse of {@code +} and digits when it is certain; null whenever libphonenumber must decide. */
    static PhoneNumber plain(String number) {
        int n = number.length();
        if (n < 2 || number.charAt(0) != '+' || number.charAt(1) == '0') return null;
        for (int i = 1; i < n; i++) {
            char ch = number.charAt(i);
            if (ch < '0' || ch > '9') return null;
        }
        for (int end = 2; end <= Math.min(4, n); end++) {
            int code = Integer.parseInt(number, 1, end, 10);
            if (!CALLING_CODES.contains(code)) continue;
            int nsn = n - end;
            if (nsn < MIN_NSN || nsn > MAX_NSN || number.charAt(end) == '0') return null;
            Optional<Pattern> prefix = NATIONAL_PREFIX.computeIfAbsent(code, E164::nationalPrefixForParsing);
            if (prefix.isPresent() && prefix.get().matcher(number).region(end, n).lookingAt()) return null;
            return new PhoneNumber().setCountryCode(code).setNationalNumber(Long.parseLong(number, end, n, 10));
        }
        return null; // no calling code: parse says which error
    }

    /** As parse finds it: the metadata of the calling code's main region, or of the non-geographic entity. */
    private static Optional<Pattern> nationalPrefixForParsing(int code) {
        String region = PHONES.getRegionCodeForCountryCode(code);
        PhoneMetadata m = "001".equals(region) ? METADATA.getMetadataForNonGeographicalRegion(code) : METADATA.getMetadataForRegion(region);
        if (m == null) return Optional.of(Pattern.compile("")); // unknown to the metadata: always let parse decide
        String p = m.getNationalPrefixForParsing();
        return p == null || p.isEmpty() ? Optional.empty() : Optional.of(Pattern.compile(p));
    }
}
