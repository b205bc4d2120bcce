package io.tixing.ops;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.Map;

/**
 * The help text of every Tixing metric, in one place (Prometheus shows it as {@code # HELP}): the meters are created
 * where their events happen, in several packages; the operator reads their meaning here and in docs/OPERATIONS.md.
 * A meter that already has a description keeps it.
 */
public class MetricHelp {

    static final Map<String, String> HELP = Map.ofEntries(
            Map.entry("tixing.reminders", "Reminders by the status they reached (QUEUED when accepted, then each later status)"),
            Map.entry("tixing.decisions", "Policy decisions by decision (SEND, DEFER, SUPPRESS) and reason code (NONE when no reason)"),
            Map.entry("tixing.channel.sends", "Provider hand-offs by channel, mode (sandbox or live) and result (sent, rejected, retry, unknown)"),
            Map.entry("tixing.channel.latency", "Time the provider took to answer one send, by channel and mode (histogram)"),
            Map.entry("tixing.contact_log.chain_ok", "1 while the latest full contact-log chain verification succeeded, 0 after a broken chain"),
            Map.entry("tixing.contact_log.verify_failures", "Contact-log chain verifications that found a broken or altered chain"),
            Map.entry("tixing.queue.due", "Dispatch tasks pending whose due time has come (waiting for a dispatcher)"),
            Map.entry("tixing.queue.overdue", "Dispatch tasks pending for longer than tixing.metrics.overdue-after past their due time"),
            Map.entry("tixing.queue.oldest.due.age", "Age of the oldest due pending dispatch task (0 when none is due)"),
            Map.entry("tixing.queue.deferred", "Dispatch tasks pending with a due time in the future (deferred by quiet hours, caps, pacing or retry)"),
            Map.entry("tixing.queue.leased", "Dispatch tasks claimed by an instance right now"),
            Map.entry("tixing.ready", "1 while this instance's readiness check (/q/health/ready) is UP, 0 while DOWN"),
            Map.entry("tixing.wave.pending", "Recipients of each open wave not yet settled (staged, queued, deferred or sending), by wave id"),
            Map.entry("tixing.webhooks", "Provider webhooks received by endpoint (status, inbound, voice) and outcome (handled, bad_signature, invalid, not_found, error)"));

    @Produces
    @Singleton
    MeterFilter tixingHelp() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                String help = HELP.get(id.getName());
                if (help == null || id.getDescription() != null) return id;
                return new Meter.Id(id.getName(), io.micrometer.core.instrument.Tags.of(id.getTags()), id.getBaseUnit(), help, id.getType());
            }
        };
    }
}
