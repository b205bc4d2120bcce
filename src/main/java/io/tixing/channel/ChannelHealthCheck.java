package io.tixing.channel;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Provider health in {@code /q/health}: DOWN while a channel's provider keeps failing. */
@Readiness
@ApplicationScoped
public class ChannelHealthCheck implements HealthCheck {

    private final ChannelMonitor monitor;

    public ChannelHealthCheck(ChannelMonitor monitor) { this.monitor = monitor; }

    @Override
    public HealthCheckResponse call() { return monitor.health(); }
}
