package io.tixing.policy;

import com.google.i18n.phonenumbers.PhoneNumberUtil;

import java.util.Locale;

/**
 * A destination as a person: the same handset or mailbox whatever borrower id or loan a loan system files it under.
 * Caps the pack counts per contact point are counted on {@link #address()}, so "+86 138 0013 8000" and
 * "+8613800138000" are one handset and "Wang@Example.com " and "wang@example.com" one mailbox.
 *
 * @param address normalised: E.164 for a phone (libphonenumber), trimmed and lower-cased for an email
 */
public record ContactPoint(Kind kind, String address) {

    public enum Kind { PHONE, EMAIL }

    public ContactPoint {
        if (address == null || address.isBlank()) throw new IllegalArgumentException("a contact point needs an address");
    }

    /** The contact point a channel reaches at {@code destination}; null when there is no destination. */
    public static ContactPoint of(ChannelType channel, String destination) {
        if (destination == null || destination.isBlank()) return null;
        return channel == ChannelType.EMAIL ? email(destination) : phone(destination);
    }

    public static ContactPoint email(String email) {
        return new ContactPoint(Kind.EMAIL, email.strip().toLowerCase(Locale.ROOT));
    }

    /**
     * E.164 via libphonenumber. A number it cannot parse keeps its '+' and digits only, so two spellings of one
     * unparseable number still meet (intake refuses numbers that are not E.164, so this is a fallback).
     */
    public static ContactPoint phone(String phone) {
        String trimmed = phone.strip();
        // Parsing is the costliest step of a dispatch decision, and one batch asks for the same few numbers many times
        // (lock, load, count, decide, record): the answer depends only on the text, so it is remembered, boundedly.
        ContactPoint known = PARSED.get(trimmed);
        if (known != null) return known;
        ContactPoint parsed = parse(trimmed);
        PARSED.put(trimmed, parsed);
        return parsed;
    }

    private static final Recent<String, ContactPoint> PARSED = new Recent<>(8_192);

    private static ContactPoint parse(String trimmed) {
        var number = ParsedPhones.parse(trimmed);
        if (number != null) {
            return new ContactPoint(Kind.PHONE, PhoneNumberUtil.getInstance().format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
        }
        String digits = trimmed.replaceAll("[^0-9+]", "");
        return new ContactPoint(Kind.PHONE, digits.isEmpty() ? trimmed : digits);
    }

    /** The normalised address of {@code destination} on {@code channel}, or null. */
    public static String addressOf(ChannelType channel, String destination) {
        ContactPoint p = of(channel, destination);
        return p == null ? null : p.address();
    }
}
