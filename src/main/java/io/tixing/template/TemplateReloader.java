package io.tixing.template;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Picks up template edits; a bad edit is logged and the last good catalog stays in use. */
@ApplicationScoped
public class TemplateReloader {

    private static final Logger LOG = Logger.getLogger(TemplateReloader.class);

    private final TemplateService templates;
    private volatile TemplateLoadException reported;

    public TemplateReloader(TemplateService templates) { this.templates = templates; }

    @Scheduled(identity = "template-reload", every = "${tixing.templates.reload-check:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void check() {
        var catalog = templates.catalog();
        if (catalog.reloadIfChanged()) {
            LOG.infof("template catalog reloaded: %d templates", catalog.current().entries().size());
        } else if (catalog.lastError() != null && catalog.lastError() != reported) {
            reported = catalog.lastError();
            LOG.warnf("template edit rejected, last good catalog kept: %s", catalog.lastError().getMessage());
        }
    }
}
