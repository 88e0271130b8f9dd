package com.recoverydesk.requester;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.recoverydesk.support.Browser;
import com.recoverydesk.support.BrowserTestBase;
import com.recoverydesk.support.EvidenceSamples;
import com.recoverydesk.support.TestAccounts;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A locked-out customer, in a real browser: files a request on /recover, takes the code from the
 * demo mailbox, confirms it, uploads the documents asked for and sends them for review.
 */
@QuarkusTest
class BrowserRecoveryRequestTest extends BrowserTestBase {

    @Test
    void shouldFileConfirmUploadAndSubmitFromTheBrowser() throws Exception {
        String email = TestAccounts.create();

        browser.get(root + "recover");
        browser.findElement(By.id("accountEmail")).sendKeys(email);
        browser.findElement(By.id("description")).sendKeys("My phone fell into the sea, with the authenticator app on it.");
        browser.findElement(By.cssSelector("form[action='/recover'] button")).click();
        Browser.awaitHeading(browser, "Check your mail"::equals);

        // the code, as the customer reads it in the demo mailbox the page links (in a tab of its own:
        // the page of a form post is not kept for Back, as it is no-store)
        TestAccounts.mailedCode(email);
        String casePageWindow = browser.getWindowHandle();
        String mailbox = browser.findElement(By.cssSelector("#demo-mailbox a")).getAttribute("href");
        browser.switchTo().newWindow(org.openqa.selenium.WindowType.TAB);
        browser.get(mailbox);
        Matcher code = Pattern.compile("Your Recovery Desk code: (\\d{6})").matcher(browser.findElement(By.tagName("main")).getText());
        assertTrue(code.find(), "the code is in the mailbox");
        browser.close();
        browser.switchTo().window(casePageWindow);

        browser.findElement(By.id("code")).sendKeys(code.group(1));
        browser.findElement(By.cssSelector("form[action='/recover/code'] button")).click();
        Browser.awaitHeading(browser, heading -> heading.matches("RCV-\\w{4}-\\w{4}"));

        // the risk assessment decides what is asked for; the page shows it once it ran
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(driver -> {
            driver.navigate().refresh();
            return !driver.findElements(By.cssSelector("ul.requirements li")).isEmpty();
        });
        uploadFile("ID_FRONT", "front.png", EvidenceSamples.png(800, 500));
        awaitStatusNotice("uploaded");
        uploadFile("SELFIE_WITH_NOTE", "selfie.jpg", EvidenceSamples.jpeg(600, 800));
        new WebDriverWait(browser, Duration.ofSeconds(10)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(driver -> driver.findElements(By.cssSelector("ul.requirements li")).stream()
                        .filter(li -> li.getText().startsWith("received")).count() == 2);

        browser.findElement(By.id("submit-evidence")).click();
        awaitStatusNotice("went to a support agent");
        assertEquals("IN_REVIEW", browser.findElement(By.id("case-status")).getAttribute("data-status"));
        assertEquals("Being checked", browser.findElement(By.id("case-status")).getText());
    }

    @Test
    void shouldShowAReadableMessageForAWrongCode() {
        String email = TestAccounts.create();
        browser.get(root + "recover");
        browser.findElement(By.id("accountEmail")).sendKeys(email);
        browser.findElement(By.id("description")).sendKeys("Lost phone");
        browser.findElement(By.cssSelector("form[action='/recover'] button")).click();
        browser.findElement(By.id("code")).sendKeys("000000");
        browser.findElement(By.cssSelector("form[action='/recover/code'] button")).click();
        assertTrue(browser.findElement(By.cssSelector("[role=alert]")).getText().contains("not valid"));
    }

    /** Waits for the page after a form post: the old page may still show an older notice. */
    private void awaitStatusNotice(String text) {
        new WebDriverWait(browser, Duration.ofSeconds(10)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(driver -> driver.findElements(By.cssSelector("[role=status]")).stream().anyMatch(e -> e.getText().contains(text)));
    }

    private void uploadFile(String kind, String name, byte[] content) throws Exception {
        Path file = Files.createTempDirectory("evidence").resolve(name);
        Files.write(file, content);
        new Select(browser.findElement(By.id("kind"))).selectByValue(kind);
        browser.findElement(By.id("file")).sendKeys(file.toAbsolutePath().toString());
        browser.findElement(By.cssSelector("form[action='/recover/case/evidence'] button")).click();
    }
}
