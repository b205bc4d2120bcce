package io.tixing.wave;

import io.tixing.reminder.ReminderRequest;

import java.util.List;
import java.util.Map;

/**
 * What a wave says once for all its recipients: the first line of an NDJSON upload, or the JSON body without
 * {@code recipients}. Fields are kept as text so every bad value is reported by name.
 *
 * @param pacing messages per second per channel (SMS, EMAIL, VOICE); a missing channel is not paced
 */
public record WaveHeader(String name, String template, List<String> channels, String channelStrategy, Start start, String cron,
                         Map<String, Double> pacing, String notAfter) {

    /** Either a UTC instant, or a wall-clock time on a date that each borrower reaches in their own zone. */
    public record Start(String at, String localTime, String date) {}

    /** One recipient line: the borrower and loan exactly as a reminder carries them. */
    public record Recipient(ReminderRequest.Borrower borrower, ReminderRequest.Loan loan) {}

    /** The inline JSON form: the header fields plus the recipients. */
    public record Inline(String name, String template, List<String> channels, String channelStrategy, Start start, String cron,
                         Map<String, Double> pacing, String notAfter, List<Recipient> recipients) {
        WaveHeader header() { return new WaveHeader(name, template, channels, channelStrategy, start, cron, pacing, notAfter); }
    }

    /** The reminder a recipient line becomes; its requestId makes the line idempotent within the wave. */
    ReminderRequest reminderFor(java.util.UUID waveId, long line, Recipient r) {
        return new ReminderRequest("wave:" + waveId + ":" + line, r == null ? null : r.borrower(), r == null ? null : r.loan(),
                template, channels, channelStrategy, notAfter);
    }
}
