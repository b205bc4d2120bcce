package io.tixing.reminder;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/** Prometheus counters: reminders by status, decisions by kind and reason. */
@ApplicationScoped
public class ReminderMetrics {

    private final MeterRegistry registry;

    public ReminderMetrics(MeterRegistry registry) { this.registry = registry; }

    public void accepted() { status(ReminderStatus.QUEUED); }

    public void status(ReminderStatus status) {
        registry.counter("tixing.reminders", "status", status.name()).increment();
    }

    public void decision(String decision, java.util.List<String> reasons) {
        if (reasons.isEmpty()) registry.counter("tixing.decisions", "decision", decision, "reason", "NONE").increment();
        for (String reason : reasons) registry.counter("tixing.decisions", "decision", decision, "reason", reason).increment();
    }
}
