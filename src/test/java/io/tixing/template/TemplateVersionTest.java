package io.tixing.template;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The version recorded in the contact log is the hash of the folder's files: it moves with the content, only with it. */
class TemplateVersionTest {

    @TempDir
    Path dir;

    static String versionOf(TemplateCatalog catalog, String key) {
        return catalog.entry(key).orElseThrow().version();
    }

    @Test
    void theVersionChangesWhenAFileOfTheFolderChanges() {
        Path templates = CatalogFixture.copyOfShippedCatalogIn(dir);
        TemplateCatalog before = TemplateCatalog.load(templates);

        CatalogFixture.replace(templates.resolve("due-today/sms.en-US.ftl"), "thank you!", "thanks!");
        TemplateCatalog after = TemplateCatalog.load(templates);

        assertThat(versionOf(after, "due-today")).isNotEqualTo(versionOf(before, "due-today"));
        assertThat(versionOf(after, "pre-due")).isEqualTo(versionOf(before, "pre-due"));
    }

    @Test
    void anUnchangedFolderKeepsItsVersionWhereverItLives() {
        TemplateCatalog shipped = CatalogFixture.shipped();
        TemplateCatalog copy = TemplateCatalog.load(CatalogFixture.copyOfShippedCatalogIn(dir));

        assertThat(copy.entries()).extracting(TemplateInfo::version).isEqualTo(shipped.entries().stream().map(TemplateInfo::version).toList());
    }
}
