package io.tixing.template;

import jakarta.enterprise.context.ApplicationScoped;

import java.nio.file.Path;

/** The service's view of the template catalog: the last good version, reloaded when files change. */
@ApplicationScoped
public class TemplateService {

    private final ReloadingCatalog catalog;

    public TemplateService(TemplateConfig config) {
        this.catalog = new ReloadingCatalog(Path.of(config.dir()));
    }

    public boolean exists(String key) {
        return catalog.current().entry(key).isPresent();
    }

    public RenderResult render(RenderRequest request) { return catalog.current().render(request); }

    public ReloadingCatalog catalog() { return catalog; }
}
