package io.tixing.wave;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import io.tixing.api.FieldError;
import io.tixing.policy.ChannelType;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Checks the parts of a wave that are not per recipient (name, template, channels, strategy, start, pacing, cron,
 * notAfter). The reminder validator checks them again per line, so the two cannot disagree about what is valid.
 */
final class WaveHeaderValidator {

    /** Quarkus cron expressions are Quartz expressions (seconds first). */
    private static final CronParser CRON = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));
    static final double MAX_RATE = 10_000;

    private final Predicate<String> templateExists;

    WaveHeaderValidator(Predicate<String> templateExists) { this.templateExists = templateExists; }

    List<FieldError> validate(WaveHeader h, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        if (h == null) return List.of(new FieldError("", "the wave header is required"));
        if (h.name() == null || h.name().isBlank()) errors.add(new FieldError("name", "is required"));
        else if (h.name().length() > 200) errors.add(new FieldError("name", "must be at most 200 characters"));
        if (h.template() == null) errors.add(new FieldError("template", "is required"));
        else if (!templateExists.test(h.template())) errors.add(new FieldError("template", "unknown template '" + h.template() + "'"));
        // Wave-wide fields are refused here once, rather than as the same error on every recipient line.
        if (h.channels() == null || h.channels().isEmpty()) errors.add(new FieldError("channels", "at least one channel is required (SMS, EMAIL, VOICE)"));
        else for (int i = 0; i < h.channels().size(); i++) {
            if (!isChannel(h.channels().get(i))) errors.add(new FieldError("channels[" + i + "]", "must be SMS, EMAIL or VOICE"));
        }
        if (h.channelStrategy() != null && !io.tixing.reminder.ReminderValidator.STRATEGIES.contains(h.channelStrategy())) {
            errors.add(new FieldError("channelStrategy", "must be one of " + io.tixing.reminder.ReminderValidator.STRATEGIES));
        }
        if (h.notAfter() != null) {
            try {
                if (!Instant.parse(h.notAfter()).isAfter(now)) errors.add(new FieldError("notAfter", "is already in the past"));
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("notAfter", "must be an ISO-8601 UTC instant such as 2026-11-25T14:00:00Z"));
            }
        }
        start(errors, h.start(), now);
        if (h.cron() != null) {
            try {
                CRON.parse(h.cron()).validate();
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("cron", "is not a Quartz cron expression (e.g. \"0 30 9 ? * MON-FRI\"): " + e.getMessage()));
            }
        }
        if (h.pacing() != null) {
            for (Map.Entry<String, Double> e : h.pacing().entrySet()) {
                if (!isChannel(e.getKey())) errors.add(new FieldError("pacing." + e.getKey(), "must be keyed by SMS, EMAIL or VOICE"));
                else if (e.getValue() == null || !(e.getValue() > 0) || e.getValue() > MAX_RATE) {
                    errors.add(new FieldError("pacing." + e.getKey(), "must be a rate in messages/second, above 0 and at most " + (int) MAX_RATE));
                }
            }
        }
        return errors;
    }

    private static void start(List<FieldError> errors, WaveHeader.Start s, Instant now) {
        if (s == null) {
            errors.add(new FieldError("start", "is required: {\"at\": \"<UTC instant>\"} or {\"localTime\": \"09:30\", \"date\": \"2026-11-24\"}"));
            return;
        }
        boolean instant = s.at() != null;
        boolean local = s.localTime() != null || s.date() != null;
        if (instant == local) {
            errors.add(new FieldError("start", "give either 'at' or both 'localTime' and 'date'"));
            return;
        }
        if (instant) {
            try {
                Instant.parse(s.at());
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("start.at", "must be an ISO-8601 UTC instant such as 2026-11-24T01:30:00Z"));
            }
            return;
        }
        try {
            LocalTime.parse(require(errors, "start.localTime", s.localTime()));
        } catch (DateTimeParseException | NullPointerException e) {
            if (s.localTime() != null) errors.add(new FieldError("start.localTime", "must be a local time HH:mm such as 09:30"));
        }
        try {
            LocalDate date = LocalDate.parse(require(errors, "start.date", s.date()));
            if (date.isBefore(now.atZone(java.time.ZoneOffset.UTC).toLocalDate().minusDays(1))) {
                errors.add(new FieldError("start.date", "is already in the past"));
            }
        } catch (DateTimeParseException | NullPointerException e) {
            if (s.date() != null) errors.add(new FieldError("start.date", "must be a date YYYY-MM-DD"));
        }
    }

    private static String require(List<FieldError> errors, String field, String value) {
        if (value == null) errors.add(new FieldError(field, "is required with a local-time start"));
        return value;
    }

    private static boolean isChannel(String key) {
        if (key == null) return false;
        for (ChannelType t : ChannelType.values()) if (t.name().equals(key)) return true;
        return false;
    }
}
