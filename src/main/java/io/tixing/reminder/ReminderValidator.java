package io.tixing.reminder;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import io.tixing.api.FieldError;
import io.tixing.policy.BorrowerFlag;
import io.tixing.policy.ChannelType;
import io.tixing.policy.E164;
import io.tixing.policy.KnownLocations;
import io.tixing.policy.RulePacks;
import io.tixing.template.TemplateCatalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** Checks a reminder request and reports every bad field at once. Plain Java, so each rule is unit-testable. */
public final class ReminderValidator {

    public static final Set<String> LOCALES = TemplateCatalog.LOCALES;
    public static final Set<String> JURISDICTIONS = RulePacks.JURISDICTIONS;
    public static final Set<String> STRATEGIES = Set.of("FIRST_ALLOWED", "ALL");
    public static final Set<String> RISK_TIERS = Set.of("LOW", "MEDIUM", "HIGH");
    private static final Set<PhoneNumberType> MOBILE_CAPABLE = EnumSet.of(PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE);
    /** Pragmatic address syntax: one @, a dotted domain, no spaces or control characters. */
    private static final Pattern EMAIL = Pattern.compile("^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$");
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private final Predicate<String> templateExists;

    /** @param templateExists whether a template key is in the catalog */
    public ReminderValidator(Predicate<String> templateExists) { this.templateExists = templateExists; }

    public List<FieldError> validate(ReminderRequest r, Instant now) {
        return validate(r, now, now);
    }

    /**
     * @param factsAsOf when the message is to be sent (a wave's start for this borrower, never before {@code now}):
     *                  daysOverdue is checked against dueDate as of then
     */
    public List<FieldError> validate(ReminderRequest r, Instant now, Instant factsAsOf) {
        List<FieldError> errors = new ArrayList<>();
        if (r == null) return List.of(new FieldError("", "a JSON object body is required"));
        text(errors, "requestId", r.requestId(), 128, true);
        if (r.requestId() != null && r.requestId().codePoints().anyMatch(ReminderValidator::notPrintable)) {
            errors.add(new FieldError("requestId", "must contain printable characters only"));
        }
        Set<ChannelType> channels = channels(errors, r.channels());
        borrower(errors, r.borrower(), channels);
        loan(errors, r.loan());
        factsAgree(errors, r.borrower(), r.loan(), factsAsOf.isAfter(now) ? factsAsOf : now);
        if (r.template() != null && !templateExists.test(r.template())) {
            errors.add(new FieldError("template", "unknown template '" + r.template() + "'"));
        }
        if (r.channelStrategy() != null && !STRATEGIES.contains(r.channelStrategy())) {
            errors.add(new FieldError("channelStrategy", "must be one of " + STRATEGIES));
        }
        if (r.recipientRelation() != null && !ReminderRequest.RELATIONS.contains(r.recipientRelation())) {
            errors.add(new FieldError("recipientRelation", "must be one of " + ReminderRequest.RELATIONS));
        }
        if (r.notAfter() != null) {
            try {
                if (!Instant.parse(r.notAfter()).isAfter(now)) errors.add(new FieldError("notAfter", "is already in the past"));
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("notAfter", "must be an ISO-8601 UTC instant such as 2026-11-25T14:00:00Z"));
            }
        }
        return errors;
    }

    private static Set<ChannelType> channels(List<FieldError> errors, List<String> channels) {
        Set<ChannelType> result = EnumSet.noneOf(ChannelType.class);
        if (channels == null || channels.isEmpty()) {
            errors.add(new FieldError("channels", "at least one channel is required (SMS, EMAIL, VOICE)"));
            return result;
        }
        for (int i = 0; i < channels.size(); i++) {
            String c = channels.get(i);
            try {
                if (!result.add(ChannelType.valueOf(String.valueOf(c)))) errors.add(new FieldError("channels[" + i + "]", "is listed twice"));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("channels[" + i + "]", "must be SMS, EMAIL or VOICE"));
            }
        }
        return result;
    }

    /** getAvailableZoneIds() copies ~600 ids on every call: once per wave line was a measurable share of acceptance. */
    private static final Set<String> ZONES = Set.copyOf(ZoneId.getAvailableZoneIds());

    private static void borrower(List<FieldError> errors, ReminderRequest.Borrower b, Set<ChannelType> channels) {
        if (b == null) {
            errors.add(new FieldError("borrower", "is required"));
            return;
        }
        text(errors, "borrower.id", b.id(), 128, true);
        text(errors, "borrower.name", b.name(), 100, false);
        if (b.locale() == null) errors.add(new FieldError("borrower.locale", "is required (one of " + LOCALES + ")"));
        else if (!LOCALES.contains(b.locale())) errors.add(new FieldError("borrower.locale", "must be one of " + LOCALES));
        if (b.timezone() != null && !ZONES.contains(b.timezone())) {
            errors.add(new FieldError("borrower.timezone", "must be an IANA time zone such as Asia/Shanghai"));
        }
        if (b.jurisdiction() != null && !JURISDICTIONS.contains(b.jurisdiction())) {
            errors.add(new FieldError("borrower.jurisdiction", "must be one of " + JURISDICTIONS));
        }
        boolean needsPhone = channels.contains(ChannelType.SMS) || channels.contains(ChannelType.VOICE);
        if (b.phone() != null) phone(errors, b.phone(), needsPhone);
        else if (needsPhone) errors.add(new FieldError("borrower.phone", "is required for SMS and VOICE"));
        if (b.email() != null) {
            if (b.email().length() > 254 || !EMAIL.matcher(b.email()).matches()) errors.add(new FieldError("borrower.email", "is not a valid email address"));
        } else if (channels.contains(ChannelType.EMAIL)) {
            errors.add(new FieldError("borrower.email", "is required for EMAIL"));
        }
        if (b.flags() != null) {
            Set<String> known = new HashSet<>();
            for (BorrowerFlag f : BorrowerFlag.values()) known.add(f.name());
            for (int i = 0; i < b.flags().size(); i++) {
                if (!known.contains(b.flags().get(i))) errors.add(new FieldError("borrower.flags[" + i + "]", "must be one of " + known));
            }
        }
    }

    private static void phone(List<FieldError> errors, String phone, boolean mustReachMobile) {
        if (!phone.startsWith("+") || phone.length() > 20) {
            errors.add(new FieldError("borrower.phone", "must be in E.164 form, e.g. +8613800138000"));
            return;
        }
        try {
            var number = E164.parse(phone);
            // The number's type is the costly part of libphonenumber (every type pattern of the region is tried): found
            // once here. UNKNOWN is exactly what isValidNumber reports as invalid (it computes the same type).
            PhoneNumberType type = PHONES.getNumberType(number);
            if (type == PhoneNumberType.UNKNOWN) {
                errors.add(new FieldError("borrower.phone", "is not a valid phone number"));
            } else if (!PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164).equals(phone)) {
                errors.add(new FieldError("borrower.phone", "must be in E.164 form, e.g. " + PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164)));
            } else if (mustReachMobile && !MOBILE_CAPABLE.contains(type)) {
                errors.add(new FieldError("borrower.phone", "is not a mobile number; SMS and VOICE need one"));
            } else {
                // Parsed and typed already: its zones now cost a prefix lookup, and the later calls of this request
                // (the days-overdue zones, the known-locations write, the REQUEST entry's clock) find them remembered.
                KnownLocations.phoneZones(phone, number, type);
            }
        } catch (NumberParseException e) {
            errors.add(new FieldError("borrower.phone", "is not a phone number: " + e.getMessage()));
        }
    }

    private static void loan(List<FieldError> errors, ReminderRequest.Loan l) {
        if (l == null) {
            errors.add(new FieldError("loan", "is required"));
            return;
        }
        text(errors, "loan.id", l.id(), 128, true);
        text(errors, "loan.creditor", l.creditor(), 100, true);
        text(errors, "loan.product", l.product(), 100, false);
        text(errors, "loan.hotline", l.hotline(), 40, true);
        Currency currency = null;
        if (l.currency() == null) errors.add(new FieldError("loan.currency", "is required (ISO 4217, e.g. CNY)"));
        else {
            try {
                currency = Currency.getInstance(l.currency());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("loan.currency", "is not an ISO 4217 currency code"));
            }
        }
        if (l.amountDue() == null) errors.add(new FieldError("loan.amountDue", "is required, e.g. \"1234.50\""));
        else {
            try {
                BigDecimal amount = new BigDecimal(l.amountDue());
                // a reminder for nothing owed is false on its face (COMPLIANCE.md "Facts must agree")
                if (amount.signum() <= 0) errors.add(new FieldError("loan.amountDue", "must be greater than 0"));
                else if (amount.precision() - amount.scale() > 15) errors.add(new FieldError("loan.amountDue", "is too large"));
                else if (currency != null && currency.getDefaultFractionDigits() >= 0 && amount.stripTrailingZeros().scale() > Math.max(currency.getDefaultFractionDigits(), 2)) {
                    errors.add(new FieldError("loan.amountDue", "has more decimals than " + currency.getCurrencyCode() + " allows"));
                }
            } catch (NumberFormatException e) {
                errors.add(new FieldError("loan.amountDue", "must be a decimal number such as \"1234.50\""));
            }
        }
        if (l.dueDate() == null) errors.add(new FieldError("loan.dueDate", "is required (YYYY-MM-DD)"));
        else {
            try {
                LocalDate.parse(l.dueDate());
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("loan.dueDate", "must be a date YYYY-MM-DD"));
            }
        }
        // omitted: derived from dueDate in the borrower's zone (see withDerivedDaysOverdue)
        if (l.daysOverdue() != null && Math.abs(l.daysOverdue()) > 36_500) errors.add(new FieldError("loan.daysOverdue", "is out of range"));
        if (l.riskTier() != null && !RISK_TIERS.contains(l.riskTier())) errors.add(new FieldError("loan.riskTier", "must be one of " + RISK_TIERS));
    }

    /** How far {@link #factsAgree} lets daysOverdue and dueDate differ: a cut-off or a zone the caller counted in. */
    public static final int DAYS_TOLERANCE = 1;

    /** Where a borrower with no stated zone and no phone is assumed to be, by jurisdiction (else locale): the pack defaults. */
    private static final java.util.Map<String, List<ZoneId>> PACK_ZONES = java.util.Map.of(
            "CN", List.of(ZoneId.of("Asia/Shanghai")),
            "HK", List.of(ZoneId.of("Asia/Hong_Kong")),
            "TW", List.of(ZoneId.of("Asia/Taipei")),
            // a US borrower of unknown zone may be in any of them
            "US", List.of(ZoneId.of("America/New_York"), ZoneId.of("America/Chicago"), ZoneId.of("America/Denver"),
                    ZoneId.of("America/Los_Angeles"), ZoneId.of("America/Anchorage"), ZoneId.of("Pacific/Honolulu")));

    /**
     * COMPLIANCE.md "Facts must agree": a daysOverdue that no zone of the borrower's makes true of dueDate (±1 day) is
     * refused, naming both fields; the message would otherwise state something the request contradicts.
     */
    private static void factsAgree(List<FieldError> errors, ReminderRequest.Borrower b, ReminderRequest.Loan l, Instant now) {
        if (b == null || l == null || l.daysOverdue() == null || Math.abs(l.daysOverdue()) > 36_500) return;
        LocalDate due = parseDate(l.dueDate());
        if (due == null) return;
        List<ZoneId> zones = zonesOf(b);
        for (ZoneId zone : zones) {
            if (Math.abs(daysOverdue(due, now, zone) - l.daysOverdue()) <= DAYS_TOLERANCE) return;
        }
        ZoneId zone = zones.getFirst();
        long actual = daysOverdue(due, now, zone);
        String fact = actual < 0 ? "is due in " + (-actual) + " day(s)" : actual == 0 ? "is due today" : "is " + actual + " day(s) overdue";
        String why = "daysOverdue " + l.daysOverdue() + " contradicts dueDate " + due + ", which " + fact + " in " + zone
                + " (tolerance ±" + DAYS_TOLERANCE + "; omit daysOverdue to have it derived)";
        errors.add(new FieldError("loan.daysOverdue", why));
        errors.add(new FieldError("loan.dueDate", why));
    }

    /**
     * The request with {@code loan.daysOverdue} derived from {@code loan.dueDate} as of {@code at} when the caller left it
     * out. Over several candidate zones the smallest count is taken: a message never overstates how late a payment is.
     * Call on a validated request.
     */
    public static ReminderRequest withDerivedDaysOverdue(ReminderRequest r, Instant at) {
        if (r == null || r.loan() == null || r.loan().daysOverdue() != null) return r;
        LocalDate due = parseDate(r.loan().dueDate());
        if (due == null || r.borrower() == null) return r;
        int days = (int) zonesOf(r.borrower()).stream().mapToLong(z -> daysOverdue(due, at, z)).min().orElseThrow();
        var l = r.loan();
        var loan = new ReminderRequest.Loan(l.id(), l.creditor(), l.product(), l.amountDue(), l.currency(), l.dueDate(), days,
                l.riskTier(), l.hotline());
        return new ReminderRequest(r.requestId(), r.borrower(), loan, r.template(), r.channels(), r.channelStrategy(),
                r.notAfter(), r.recipientRelation());
    }

    /** The borrower's zones for counting days: the stated zone, else the phone's zone(s), else the pack default. */
    static List<ZoneId> zonesOf(ReminderRequest.Borrower b) {
        if (b.timezone() != null && ZONES.contains(b.timezone())) return List.of(ZoneId.of(b.timezone()));
        List<ZoneId> phone = phoneZones(b.phone());
        if (!phone.isEmpty()) return phone;
        String pack = b.jurisdiction() != null && PACK_ZONES.containsKey(b.jurisdiction()) ? b.jurisdiction() : switch (String.valueOf(b.locale())) {
            case "zh-HK" -> "HK";
            case "zh-TW" -> "TW";
            case "en-US" -> "US";
            default -> "CN";
        };
        return PACK_ZONES.get(pack);
    }

    private static List<ZoneId> phoneZones(String phone) {
        List<ZoneId> zones = new ArrayList<>();
        for (ZoneId z : KnownLocations.phoneZones(phone)) if (ZONES.contains(z.getId())) zones.add(z);
        return zones;
    }

    static long daysOverdue(LocalDate due, Instant at, ZoneId zone) {
        return java.time.temporal.ChronoUnit.DAYS.between(due, at.atZone(zone).toLocalDate());
    }

    private static LocalDate parseDate(String date) {
        if (date == null) return null;
        try {
            return LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static void text(List<FieldError> errors, String field, String value, int max, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) errors.add(new FieldError(field, "is required"));
            return;
        }
        if (value.codePointCount(0, value.length()) > max) errors.add(new FieldError(field, "must be at most " + max + " characters"));
        if (value.codePoints().anyMatch(Character::isISOControl)) errors.add(new FieldError(field, "must not contain control characters"));
    }

    private static boolean notPrintable(int cp) {
        return Character.isISOControl(cp) || Character.isWhitespace(cp) && cp != ' ' || !Character.isDefined(cp);
    }
}
