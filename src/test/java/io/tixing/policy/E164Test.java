package io.tixing.policy;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The short way of {@link E164#parse} answers exactly what libphonenumber's parse answers, for every region. */
class E164Test {

    static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    /** parse's answer as a comparable value: the number, or the kind of error. */
    static Object libphonenumber(String number) {
        try {
            return PHONES.parse(number, null);
        } catch (NumberParseException e) {
            return e.getErrorType();
        }
    }

    static Object ours(String number) {
        try {
            return E164.parse(number);
        } catch (NumberParseException e) {
            return e.getErrorType();
        }
    }

    /** Every region's and non-geographic entity's example number of every type, in E.164 and with a digit more or less. */
    static List<String> examples() {
        List<String> out = new ArrayList<>();
        List<com.google.i18n.phonenumbers.Phonenumber.PhoneNumber> numbers = new ArrayList<>();
        for (String region : PHONES.getSupportedRegions()) {
            for (PhoneNumberType type : PhoneNumberType.values()) {
                var n = PHONES.getExampleNumberForType(region, type);
                if (n != null) numbers.add(n);
            }
            var invalid = PHONES.getInvalidExampleNumber(region);
            if (invalid != null) numbers.add(invalid);
        }
        for (int code : PHONES.getSupportedGlobalNetworkCallingCodes()) {
            var n = PHONES.getExampleNumberForNonGeoEntity(code);
            if (n != null) numbers.add(n);
        }
        for (var n : numbers) {
            String e164 = PHONES.format(n, PhoneNumberFormat.E164);
            out.add(e164);
            out.add(e164 + "5");
            out.add(e164.substring(0, e164.length() - 1));
        }
        return out;
    }

    @Example
    void every_regions_example_numbers_of_every_type_parse_as_libphonenumber_parses_them() {
        List<String> numbers = examples();
        assertThat(numbers).hasSizeGreaterThan(2_000);
        int shortWay = 0;
        for (String number : numbers) {
            assertThat(ours(number)).as(number).isEqualTo(libphonenumber(number));
            if (E164.plain(number) != null) shortWay++;
        }
        // Most examples take the short way, or it would not be worth having: the check above would hold if none did.
        assertThat(shortWay).as("examples parsed the short way").isGreaterThan(numbers.size() / 2);
    }

    @Example
    void the_numbers_intake_sees_most_take_the_short_way() {
        for (String number : List.of("+8613800138000", "+886912345678", "+85291234567", "+16502530000", "+16712345678", "+447400123456")) {
            assertThat(E164.plain(number)).as(number).isNotNull().isEqualTo(libphonenumber(number));
        }
    }

    @Example
    void what_is_not_plain_e164_is_left_to_libphonenumber() {
        for (String number : List.of("+86 138 0013 8000", "8613800138000", "+8613800138000;ext=12", "+0123", "+", "+1", "+12",
                "+390612345678", "+8601012345678", "tel:+8613800138000", "+999123456", "+86138001380001234567")) {
            assertThat(E164.plain(number)).as(number).isNull();
            assertThat(ours(number)).as(number).isEqualTo(libphonenumber(number));
        }
    }

    @Property(tries = 20_000)
    void random_digits_after_any_calling_code_parse_as_libphonenumber_parses_them(@ForAll("numbers") String number) {
        assertThat(ours(number)).as(number).isEqualTo(libphonenumber(number));
    }

    @Provide
    Arbitrary<String> numbers() {
        Arbitrary<Integer> codes = Arbitraries.of(List.copyOf(PHONES.getSupportedCallingCodes()));
        Arbitrary<String> rest = Arbitraries.strings().withCharRange('0', '9').ofMinLength(0).ofMaxLength(18);
        return Combinators.combine(codes, rest).as((code, digits) -> "+" + code + digits);
    }
}
