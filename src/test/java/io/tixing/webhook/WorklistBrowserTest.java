package io.tixing.webhook;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tixing.channel.twilio.FakeTwilio;
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
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.tixing.support.Fixtures.borrower;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The worklist console page in headless Chromium: a borrower asks for a person by SMS, an agent signs in, sees the
 * case with its age and reason, claims it, notes the call and resolves it; a case someone else holds says so.
 */
@QuarkusTest
@TestProfile(LiveProviders.Profile.class)
class WorklistBrowserTest {

    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TestHTTPResource("/console/worklist.html") URL page;
    @Inject DispatchWorker worker;
    @Inject TestClock clock;

    WebDriver browser;

    @BeforeEach
    void startBrowser() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM),
                "headless Chromium and chromedriver are not installed (apt-get install chromium chromium-driver)");
        clock.reset();
        worker.drain();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1400,1200",
                "--user-data-dir=" + Files.createTempDirectory("tixing-chromium"), "--lang=zh-CN");
        var service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) browser.quit();
        clock.reset();
    }

    private String borrowerWhoAskedForAPerson(String submitter, String phone) {
        LiveProviders.twilio.server.stubFor(post(urlPathEqualTo(FakeTwilio.MESSAGES)).withRequestBody(containing("To=" + phone.replace("+", "%2B")))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"sid\":\"SM" + "7".repeat(30) + phone.substring(phone.length() - 2) + "\",\"status\":\"accepted\"}")));
        var body = Fixtures.aReminder();
        borrower(body).put("phone", phone);
        Api.submit(submitter, body).statusCode(202);
        worker.drain();
        SignedWebhook.of("/webhooks/twilio/inbound", Map.of("From", phone, "Body", "我要找客服", "MessageSid", "SM" + phone.substring(1) + "0".repeat(20)))
                .post();
        return borrower(body).get("id").toString();
    }

    @Test
    void an_agent_claims_notes_and_resolves_a_case_on_the_worklist_page() {
        String submitter = Api.keyWith("worklist-lender", "submitter");
        String mine = borrowerWhoAskedForAPerson(submitter, "+8613588880001");
        String theirs = borrowerWhoAskedForAPerson(submitter, "+8613588880002");
        String colleague = Api.keyWith("worklist-colleague", "agent");
        String theirCase = Api.as(colleague).queryParam("borrowerId", theirs).get("/api/v1/worklist").then().extract().path("[0].id");
        Api.as(colleague).post("/api/v1/worklist/" + theirCase + "/claim").then().statusCode(200);
        clock.advance(Duration.ofMinutes(95));
        String agent = Api.keyWith("worklist-agent", "agent");
        var wait = new WebDriverWait(browser, Duration.ofSeconds(20));

        browser.get(page.toString());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("wl-key"))).sendKeys(agent);
        browser.findElement(By.id("wl-sign-in")).click();
        By myRow = By.xpath("//tr[contains(@class,'case')][.//a[text()='" + mine + "']]");
        By theirRow = By.xpath("//tr[contains(@class,'case')][.//a[text()='" + theirs + "']]");
        wait.until(ExpectedConditions.visibilityOfElementLocated(myRow));
        boolean chinese = "zh-CN".equals(browser.findElement(By.tagName("html")).getAttribute("lang"));
        assertThat(browser.findElement(myRow).getText()).contains(chinese ? "要求人工" : "Asked for a person")
                .contains(chinese ? "1小时 35分" : "1h 35m").contains(chinese ? "待处理" : "Open");

        browser.findElement(myRow).findElement(By.cssSelector("button.claim")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(myRow, "api:worklist-agent"));
        browser.findElement(myRow).findElement(By.cssSelector("input.note-text")).sendKeys("已回电，借款人周五还款");
        browser.findElement(myRow).findElement(By.cssSelector("button.add-note")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(myRow, "已回电，借款人周五还款"));

        // Someone else's case: resolving it is refused, and the page says why.
        browser.findElement(theirRow).findElement(By.cssSelector("button.resolve")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "409"));
        assertThat(browser.findElement(By.id("status")).getText()).contains(chinese ? "处理人" : "Claimed by")
                .contains("api:worklist-colleague");

        new Select(browser.findElement(myRow).findElement(By.cssSelector("select.outcome"))).selectByValue("PROMISE_TO_PAY");
        browser.findElement(myRow).findElement(By.cssSelector("button.resolve")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(myRow));
        Api.as(agent).queryParam("borrowerId", mine).queryParam("status", "all").get("/api/v1/worklist").then()
                .body("[0].status", org.hamcrest.Matchers.equalTo("RESOLVED")).body("[0].outcome", org.hamcrest.Matchers.equalTo("PROMISE_TO_PAY"))
                .body("[0].notes[0].note", org.hamcrest.Matchers.equalTo("已回电，借款人周五还款"));

        new Select(browser.findElement(By.id("language"))).selectByValue(chinese ? "en-US" : "zh-CN");
        assertThat(browser.findElement(By.id("wl-heading")).getText()).isEqualTo(chinese ? "Open cases" : "未结案件");
        new Select(browser.findElement(By.id("language"))).selectByValue("zh-TW");
        assertThat(browser.findElement(By.id("wl-heading")).getText()).isEqualTo("未結案件");
    }
}
