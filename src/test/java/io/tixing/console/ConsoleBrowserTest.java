package io.tixing.console;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tixing.dispatch.DispatchWorker;
import io.tixing.support.Api;
import io.tixing.support.Fixtures;
import io.tixing.support.TestClock;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.tixing.support.Fixtures.borrower;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives the console in headless Debian Chromium as a reviewer would, in zh-CN, zh-TW and en: dashboard (the tables
 * under the charts against the stats API), waves (ETA, pause, cancel with confirmation), reminder detail (from a
 * wave and from search), search, timeline, verify. Screenshots go to target/screenshots/.
 */
@QuarkusTest
class ConsoleBrowserTest {

    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TestHTTPResource("/console") URL console;
    @Inject DispatchWorker worker;
    @Inject io.tixing.wave.WaveStagePlanner planner;
    @Inject TestClock clock;
    @Inject io.tixing.contactlog.ChainAnchoring anchoring;

    WebDriver browser;
    Path profile;

    @BeforeEach
    void startBrowser() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM),
                "headless Chromium and chromedriver are not installed (apt-get install chromium chromium-driver)");
        clock.reset();
        worker.drain();
        profile = Files.createTempDirectory("tixing-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1400,1800",
                "--user-data-dir=" + profile, "--lang=zh-CN");
        var service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) browser.quit();
        clock.reset();
    }

    /** The strings a person reads, per language, that the test looks for (the console's own tables say the same). */
    record Words(String lang, String dashboard, String verifyChain, String allowed, String quietHours, String sendAttempt, String paused,
                 String cancelled, String sent, String exported, String zeroGood, String etaNone, String orderError) {}

    static final List<Words> LANGUAGES = List.of(
            new Words("zh-CN", "总览", "校验哈希链", "允许发送", "借款人当地时间不在允许联系的时段内", "发送尝试", "已暂停", "已取消", "已发送",
                    "已下载", "无 —— 符合要求", "没有待发送的收件人", "不能晚于结束日期"),
            new Words("zh-TW", "總覽", "驗證雜湊鏈", "允許傳送", "借款人當地時間不在允許聯絡的時段內", "傳送嘗試", "已暫停", "已取消", "已傳送",
                    "已下載", "無 —— 符合規定", "沒有待傳送的收件人", "不可晚於結束日期"),
            new Words("en-US", "Dashboard", "Verify chain", "Allowed", "Outside the allowed contact hours in the borrower's local time",
                    "Send attempt", "Paused", "Cancelled", "Sent", "Downloaded", "None — as required", "nothing pending", "must not be after the end"));

    /** Tables are redrawn after each action: an element read mid-redraw is simply read again. */
    WebDriverWait waiting() {
        var wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    void shot(String name) throws Exception {
        Path target = Path.of("target", "screenshots", name + ".png");
        Files.createDirectories(target.getParent());
        Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.size(target)).isGreaterThan(10_000);
    }

    void open(String hash) {
        ((JavascriptExecutor) browser).executeScript("location.hash = arguments[0]", hash);
    }

    String text(String id) { return browser.findElement(By.id(id)).getText(); }

    /** A table's body as rows of cell texts. */
    List<List<String>> table(String id) {
        List<List<String>> rows = new ArrayList<>();
        for (WebElement tr : browser.findElements(By.cssSelector("#" + id + " tbody tr"))) {
            rows.add(tr.findElements(By.tagName("td")).stream().map(WebElement::getText).toList());
        }
        return rows;
    }

    @Test
    void a_reviewer_works_through_dashboard_waves_reminder_detail_search_timeline_and_verify_in_all_three_languages() throws Exception {
        // A sent reminder at 10:00 Shanghai and a deferred one at 23:00, both on 2026-11-23 Shanghai time.
        var sent = Fixtures.aReminder();
        Api.submit(Api.keyWith("console-submitter", "submitter"), sent).statusCode(202);
        worker.drain();
        String borrowerId = borrower(sent).get("id").toString();
        clock.setLocal("2026-11-23T23:00:00", "Asia/Shanghai");
        var deferred = Fixtures.aReminder();
        Api.submit(Api.keyWith("console-submitter2", "submitter"), deferred).statusCode(202);
        worker.drain();
        // A wave accepted at 23:00 Shanghai: its two recipients wait for 08:00 (00:00Z).
        String key = Api.keyWith("console-reviewer", "compliance", "operator");
        String waveId = Api.as(key).body(WavesApiTest.wave(2, clock.instant())).post("/api/v1/waves").then().statusCode(202).extract().path("id");
        String waveName = Api.as(key).get("/api/v1/waves/" + waveId).then().extract().path("name");
        planner.drain(java.util.UUID.fromString(waveId)); // staged recipients become reminders, as the background planner does
        worker.drain();
        assertThat(Api.as(key).get("/api/v1/waves/" + waveId).then().extract().<Integer>path("counts.deferred")).isEqualTo(2);
        Api.as(key).get("/api/v1/contact-log/verify").then().statusCode(200);
        long anchor = anchoring.anchorNow().anchor().seq();
        var wait = waiting();

        browser.get(console.toString());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("api-key"))).sendKeys(key);
        new Select(browser.findElement(By.id("reviewer-zone"))).selectByVisibleText("Asia/Shanghai");
        browser.findElement(By.id("sign-in")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("dashboard-section")));
        // Every language has every string: one table per language, the same keys.
        assertThat((Boolean) ((JavascriptExecutor) browser).executeScript(
                "const k = l => Object.keys(I18N[l]).sort().join(); return k('zh-CN') === k('en-US') && k('zh-TW') === k('en-US');")).isTrue();
        assertThat((Boolean) ((JavascriptExecutor) browser).executeScript("return typeof echarts === 'object'"))
                .as("ECharts is served by the service from its webjar").isTrue();

        for (Words w : LANGUAGES) {
            new Select(browser.findElement(By.id("language"))).selectByValue(w.lang());
            assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo(w.lang());

            // Dashboard: the tables under the charts show the stats API's numbers for the same period.
            open("#dashboard");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("dashboard-section")));
            ((JavascriptExecutor) browser).executeScript("document.getElementById('dash-from').value = '2026-11-23';"
                    + "document.getElementById('dash-to').value = '2026-11-23';");
            browser.findElement(By.id("dashboard-button")).click();
            var period = Map.of("from", "2026-11-23", "to", "2026-11-23", "zone", "Asia/Shanghai");
            var contacts = Api.as(key).queryParams(period).get("/api/v1/stats/contacts").then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> apiRows = contacts.getList("rows");
            wait.until(d -> table("contacts-table").size() == apiRows.size() && !text("outside-window-count").equals("–"));
            var shownRows = table("contacts-table");
            for (int i = 0; i < apiRows.size(); i++) {
                assertThat(shownRows.get(i).get(0)).isEqualTo(apiRows.get(i).get("day"));
                assertThat(shownRows.get(i).get(3)).isEqualTo(apiRows.get(i).get("count").toString());
            }
            assertThat(shownRows.stream().mapToLong(r -> Long.parseLong(r.get(3))).sum()).isEqualTo(contacts.getLong("total")).isPositive();
            var decisions = Api.as(key).queryParams(period).get("/api/v1/stats/decisions").then().extract().jsonPath();
            assertThat(table("decisions-table").stream().map(r -> r.get(2)).toList())
                    .isEqualTo(decisions.getList("rows.count").stream().map(String::valueOf).toList());
            assertThat(table("decisions-table").stream().map(r -> r.get(1)).toList()).contains(w.quietHours());
            var packs = Api.as(key).queryParams(period).get("/api/v1/stats/jurisdictions").then().extract().jsonPath();
            assertThat(table("packs-table").stream().map(r -> r.get(0) + "=" + r.get(1)).toList())
                    .isEqualTo(packs.getList("rows").stream().map(r -> ((Map<?, ?>) r).get("rulePack") + "=" + ((Map<?, ?>) r).get("attempts")).toList());
            var violations = Api.as(key).queryParams(period).get("/api/v1/stats/violations").then().extract().jsonPath();
            assertThat(text("outside-window-count")).isEqualTo(violations.getString("violations.outsideWindow")).isEqualTo("0");
            assertThat(text("over-cap-count")).isEqualTo(violations.getString("violations.overCap")).isEqualTo("0");
            assertThat(text("outside-window-note")).contains(w.zeroGood());
            assertThat(text("chain-note")).contains("#" + anchor);
            shot("dashboard-" + w.lang());
            // A bad filter: the problem is said in the reviewer's language.
            ((JavascriptExecutor) browser).executeScript("document.getElementById('dash-from').value = '2026-11-24';");
            browser.findElement(By.id("dashboard-button")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "(400)"));
            assertThat(text("status")).contains(w.orderError());

            // Waves: state, progress, counts that reconcile, the ETA at 08:00 Shanghai; pause behind a confirmation.
            open("#waves");
            By waveRow = By.cssSelector("#waves-table tr[data-wave='" + waveId + "']");
            wait.until(ExpectedConditions.visibilityOfElementLocated(waveRow));
            // Active: the ETA is the lawful hour the recipients wait for; paused (after the first round): no ETA until resumed.
            // The row is found afresh at every look: the table is redrawn when the language changes, so a row found
            // before that redraw may be gone, or still show the previous language, when it is read.
            String eta = w.lang().equals("zh-CN")
                    ? "2026-11-24 08:00:00 Asia/Shanghai" : (String) ((JavascriptExecutor) browser).executeScript("return Console.t('etaPaused')");
            String shownEta = wait.until(d -> {
                String t = d.findElement(waveRow).findElement(By.className("wave-eta")).getText();
                return t.equals(eta) ? t : null;
            });
            assertThat(shownEta).isEqualTo(eta);
            String counts = wait.until(d -> d.findElement(waveRow).findElement(By.className("wave-counts")).getText());
            assertThat(counts).contains("✓");
            if (w.lang().equals("zh-CN")) {
                wait.until(d -> { d.findElement(waveRow).findElement(By.className("wave-pause")).click(); return true; });
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-dialog")));
                assertThat(text("confirm-text")).contains(waveName);
                browser.findElement(By.id("confirm-yes")).click();
                wait.until(d -> d.findElement(waveRow).findElement(By.className("wave-state")).getText().equals(w.paused()));
            }
            String state = wait.until(d -> d.findElement(waveRow).findElement(By.className("wave-state")).getText());
            assertThat(state).isEqualTo(w.paused());
            shot("waves-" + w.lang());

            // From the wave to one of its reminders: why it waits (reason, rule pack, next lawful time).
            wait.until(d -> { d.findElement(waveRow).findElement(By.className("wave-reminders")).click(); return true; });
            wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#wave-reminder-list a.reminder-link"))).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("reminder-detail")));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("reminder-decisions"), w.quietHours()));
            assertThat(text("reminder-decisions")).contains("CN@2026.1").contains("2026-11-24 08:00:00 Asia/Shanghai");
            assertThat(text("reminder-request")).contains("+86138****8000").doesNotContain("王小明");
            shot("reminder-wave-" + w.lang());

            // Search the sent reminder's borrower: times on both clocks to the second, decisions in words.
            open("#search");
            WebElement borrowerField = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("search-borrower")));
            borrowerField.clear();
            borrowerField.sendKeys(borrowerId);
            browser.findElement(By.id("search-button")).click();
            wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#results tbody tr"), 3));
            String results = text("results");
            assertThat(results).contains("+86138****8000").contains(w.allowed()).contains("2026-11-23 10:00:00 Asia/Shanghai")
                    .doesNotContainPattern("\\d{2}:\\d{2}:\\d{2}\\.\\d");
            browser.findElement(By.id("export-button")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), w.exported()));
            assertThat(browser.findElement(By.id("status")).getCssValue("color")).as("success in green").isEqualTo("rgba(0, 102, 0, 1)");

            // The reminder's detail from search: the message as rendered, the attempt and its status.
            browser.findElements(By.cssSelector("#results a.reminder-link")).getFirst().click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("reminder-attempts"), w.sent()));
            assertThat(browser.findElements(By.cssSelector("#reminder-messages pre.message"))).hasSize(1);
            assertThat(text("reminder-log")).contains(w.sendAttempt());
            shot("reminder-" + w.lang());

            // Timeline from search.
            open("#search");
            wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".open-timeline"))).click();
            wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#timeline-events li"), 3));
            assertThat(text("timeline-events")).contains(w.sendAttempt()).contains("+86138****8000").contains("2026-11-23 10:00:00 Asia/Shanghai");
            assertThat(browser.findElements(By.cssSelector("#timeline-events a.reminder-link"))).isNotEmpty();
            shot("timeline-" + w.lang());

            // Verify.
            open("#verify");
            wait.until(ExpectedConditions.textToBe(By.id("verify-button"), w.verifyChain()));
            browser.findElement(By.id("verify-button")).click();
            wait.until(ExpectedConditions.textMatches(By.id("verify-result"), java.util.regex.Pattern.compile("^(OK|BROKEN)")));
            assertThat(text("verify-result")).startsWith("OK");
            assertThat(text("anchor-result")).contains("#" + anchor);
            shot("verify-" + w.lang());
        }

        // Cancel: "no" keeps the wave, "yes" ends it; nothing left pending means no ETA.
        open("#waves");
        By waveRow = By.cssSelector("#waves-table tr[data-wave='" + waveId + "']");
        wait.until(d -> { d.findElement(waveRow).findElement(By.className("wave-cancel")).click(); return true; });
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-no"))).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("confirm-dialog")));
        String stateAfterNo = wait.until(d -> d.findElement(waveRow).findElement(By.className("wave-state")).getText());
        assertThat(stateAfterNo).isEqualTo("Paused");
        assertThat(Api.as(key).get("/api/v1/waves/" + waveId).then().extract().<String>path("state")).isEqualTo("PAUSED");
        wait.until(d -> { d.findElement(waveRow).findElement(By.className("wave-cancel")).click(); return true; });
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-yes"))).click();
        wait.until(d -> d.findElement(waveRow).findElement(By.className("wave-state")).getText().equals("Cancelled"));
        String etaAfterCancel = wait.until(d -> d.findElement(waveRow).findElement(By.className("wave-eta")).getText());
        assertThat(etaAfterCancel).isEqualTo("nothing pending");
        shot("waves-cancelled-en-US");
    }

    @Test
    void a_wrong_key_is_refused_and_the_template_page_copes_without_the_template_service() {
        var wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        browser.get(console.toString());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("api-key"))).sendKeys("tx_not_a_key");
        browser.findElement(By.id("sign-in")).click();
        wait.until(ExpectedConditions.textMatches(By.id("status"), java.util.regex.Pattern.compile(".*401.*")));
        assertThat(browser.findElement(By.id("workspace")).isDisplayed()).isFalse();

        browser.findElement(By.id("api-key")).clear();
        browser.findElement(By.id("api-key")).sendKeys(Api.keyWith("console-templates", "compliance"));
        browser.findElement(By.id("sign-in")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("dashboard-section")));
        browser.get(console.toString().replaceAll("/console$", "/console/templates.html"));
        wait.until(d -> !d.findElement(By.id("status")).getText().isEmpty()
                || !d.findElements(By.cssSelector("#template-list li")).isEmpty());
        String status = browser.findElement(By.id("status")).getText();
        // Until the template service is deployed the page must say so; once it is, it lists templates.
        if (!browser.findElements(By.cssSelector("#template-list li")).isEmpty()) assertThat(status).isEmpty();
        else assertThat(status).isIn("模板服务不可用", "範本服務無法使用", "template service unavailable");
    }
}
