package io.tixing.template;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Editing templates on a running gateway: good edits go live, bad edits are rejected and the last good catalog keeps serving. */
class ReloadingCatalogTest {

    @TempDir
    Path dir;

    @Test
    void aBadEditIsRejectedAndTheLastGoodCatalogKeepsServing() {
        Path templates = CatalogFixture.copyOfShippedCatalogIn(dir);
        ReloadingCatalog holder = new ReloadingCatalog(templates);
        TemplateCatalog good = holder.current();

        CatalogFixture.replace(templates.resolve("overdue-mid/sms.zh-CN.ftl"), "请尽快", "否则曝光到朋友圈，请尽快");
        ReloadOutcome outcome = holder.reload();

        assertThat(outcome).isInstanceOfSatisfying(ReloadOutcome.Rejected.class, rejected -> {
            assertThat(rejected.error().file()).isEqualTo("overdue-mid/sms.zh-CN.ftl");
            assertThat(rejected.error().phrase()).isIn("曝光", "朋友圈");
            assertThat(rejected.kept()).isSameAs(good);
        });
        assertThat(holder.current()).isSameAs(good);
        assertThat(holder.lastError()).isNotNull();
    }

    @Test
    void reloadIfChangedDoesNothingWhileTheFolderIsUntouched() {
        ReloadingCatalog holder = new ReloadingCatalog(CatalogFixture.copyOfShippedCatalogIn(dir));
        TemplateCatalog first = holder.current();

        assertThat(holder.reloadIfChanged()).isFalse();
        assertThat(holder.current()).isSameAs(first);
    }

    @Test
    void reloadIfChangedPicksUpAGoodEditAndSkipsABadOneUntilItIsFixed() {
        Path templates = CatalogFixture.copyOfShippedCatalogIn(dir);
        ReloadingCatalog holder = new ReloadingCatalog(templates);
        String before = holder.current().entry("due-today").orElseThrow().version();

        CatalogFixture.replace(templates.resolve("due-today/sms.en-US.ftl"), "thank you!", "thanks a lot!");
        assertThat(holder.reloadIfChanged()).isTrue();
        TemplateCatalog edited = holder.current();
        assertThat(edited.entry("due-today").orElseThrow().version()).isNotEqualTo(before);

        CatalogFixture.replace(templates.resolve("due-today/sms.en-US.ftl"), "thanks a lot!", "pay or we call the police!");
        assertThat(holder.reloadIfChanged()).isFalse();
        assertThat(holder.current()).isSameAs(edited);
        assertThat(holder.lastError().phrase()).isEqualTo("police");
        assertThat(holder.reloadIfChanged()).isFalse(); // the same bad folder is not reloaded on every tick

        CatalogFixture.replace(templates.resolve("due-today/sms.en-US.ftl"), "pay or we call the police!", "thanks!");
        assertThat(holder.reloadIfChanged()).isTrue();
        assertThat(holder.lastError()).isNull();
    }
}
