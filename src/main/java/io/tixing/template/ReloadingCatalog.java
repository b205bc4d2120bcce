package io.tixing.template;

import java.nio.file.Path;

/** Stand-in. */
public final class ReloadingCatalog {
    private final TemplateCatalog catalog;

    public ReloadingCatalog(Path dir) { this.catalog = TemplateCatalog.load(dir); }

    public TemplateCatalog current() { return catalog; }
}
