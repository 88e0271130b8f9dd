package com.recoverydesk.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.recoverydesk.support.Browser;
import com.recoverydesk.support.BrowserTestBase;
import com.recoverydesk.support.Eventually;
import com.recoverydesk.support.ReviewFixtures;
import com.recoverydesk.support.ReviewFixtures.CaseInReview;
import com.recoverydesk.support.TestAccounts;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;

/**
 * The workbench in a real browser: agent1 claims the case, opens each file, ticks the checklist
 * with the keyboard and approves; supervisor1 gives the second approval on a phone-sized screen.
 * A hostile description stays text on every screen, and a form without its CSRF token is refused.
 * The screenshots of docs/screens are taken here (into target/screens).
 */
@QuarkusTest
class BrowserReviewWorkbenchTest extends BrowserTestBase {

    private static final String HOSTILE = "Lost my phone <script>alert(1)</script> <img src=x onerror=alert(1)>";
    private static final Path SCREENS = Path.of(System.getProperty("screens.dir", "target/screens"));

    @Test
    void shouldLetAnAgentReviewAndASupervisorApproveInTheBrowser() throws IOException {
        String email = TestAccounts.create();
        ReviewFixtures.giveKyc(email, LocalDate.of(1990, 5, 17), "4321", "DE");
        CaseInReview c = ReviewFixtures.submitted(email, HOSTILE);

        signIn("agent1", "/agent");
        Browser.awaitHeading(browser, "Review queue"::equals);
        assertNoDialogAndTextOnly();
        screenshot("queue.png");
        WebElement row = browser.findElement(By.xpath("//table[@id='queue']//tr[.//a[text()='" + c.ticketRef() + "']]"));
        row.findElement(By.cssSelector("form[action$='/claim'] button")).click();

        Browser.awaitHeading(browser, heading -> heading.contains(c.ticketRef()));
        assertEquals(HOSTILE, browser.findElement(By.id("description")).getText(), "the description is shown as text");
        assertNoDialogAndTextOnly();
        assertEquals("Test Customer", browser.findElement(By.id("kyc-name")).getText());
        List<WebElement> images = browser.findElements(By.cssSelector(".evidence img"));
        assertEquals(2, images.size());
        Eventually.await("the evidence images loaded", () -> images.stream()
                .allMatch(img -> ((Number) browser.executeScript("return arguments[0].naturalWidth", img)).intValue() > 0));
        browser.manage().window().setSize(new Dimension(1280, 1700));
        screenshot("case-page.png");
        browser.manage().window().setSize(new Dimension(1280, 900));

        // a form sent without its CSRF token is refused, and nothing is decided
        browser.executeScript("document.querySelector('#review-form input[name=\"csrf-token\"]').remove()");
        browser.findElement(By.id("decision-approve")).click();
        browser.findElement(By.id("submit-review")).click();
        Browser.awaitHeading(browser, "This form has expired"::equals);
        assertEquals("IN_REVIEW", ReviewFixtures.status(c.caseId()));
        browser.get(root + "agent/cases/" + c.caseId());

        // each file, opened as the agent would in a tab of its own
        List<String> links = browser.findElements(By.cssSelector("a.open-file")).stream().map(a -> a.getAttribute("href")).toList();
        assertEquals(2, links.size());
        for (String link : links) {
            browser.get(link);
            String type = (String) browser.executeScript("return document.contentType");
            assertTrue(type.equals("image/png") || type.equals("image/jpeg"), type);
        }
        browser.get(root + "agent/cases/" + c.caseId());

        // the checklist ticked from the keyboard
        for (WebElement box : browser.findElements(By.cssSelector("#review-form input[name=checklist]"))) {
            box.sendKeys(Keys.SPACE);
            assertTrue(box.isSelected());
        }
        browser.findElement(By.id("decision-approve")).sendKeys(Keys.SPACE);
        browser.findElement(By.id("submit-review")).click();
        Eventually.await("the review recorded", () -> browser.findElements(By.cssSelector("[role=status]")).stream()
                .anyMatch(e -> e.getText().contains("Your review decision is recorded")));
        assertEquals("AWAITING_APPROVAL", ReviewFixtures.status(c.caseId()));
        browser.findElement(By.cssSelector("form[action='/logout'] button")).click();

        // the supervisor on the go
        browser.manage().window().setSize(new Dimension(390, 844));
        signIn("supervisor1", "/supervisor");
        Browser.awaitHeading(browser, "Approval queue"::equals);
        Eventually.await("the case in the approval queue", () -> {
            browser.navigate().refresh();
            return !browser.findElements(By.linkText(c.ticketRef())).isEmpty();
        });
        assertNoDialogAndTextOnly();
        browser.findElement(By.linkText(c.ticketRef())).click();
        Browser.awaitHeading(browser, heading -> heading.contains(c.ticketRef()));
        assertNoDialogAndTextOnly();
        assertTrue(browser.findElements(By.id("review-form")).isEmpty(), "no review form after the review");
        long overflow = (Long) browser.executeScript("return document.documentElement.scrollWidth - window.innerWidth");
        assertTrue(overflow <= 0, "no sideways scrolling on a phone: " + overflow + " px too wide");
        browser.manage().window().setSize(new Dimension(390, 1400));
        screenshot("approval-phone.png");
        browser.findElement(By.id("approve-reset")).click();
        Browser.awaitHeading(browser, "Approval queue"::equals);
        assertTrue(browser.findElement(By.cssSelector("[role=status]")).getText().contains("Your second approval is recorded"));
        assertTrue(browser.findElements(By.linkText(c.ticketRef())).isEmpty(), "the case left the approval queue");
    }

    @Test
    void shouldNotOfferTheSecondApprovalToTheSupervisorWhoReviewed() {
        CaseInReview c = ReviewFixtures.submitted();
        signIn("supervisor2", "/agent/cases/" + c.caseId());
        Browser.awaitHeading(browser, heading -> heading.contains(c.ticketRef()));
        browser.findElement(By.id("claim-review")).click();
        Browser.awaitHeading(browser, heading -> heading.contains(c.ticketRef()));
        for (WebElement box : browser.findElements(By.cssSelector("#review-form input[name=checklist]"))) {
            box.click();
        }
        browser.findElement(By.id("decision-approve")).click();
        browser.findElement(By.id("submit-review")).click();
        ReviewFixtures.openTask(c.caseId(), TaskQueue.APPROVAL);
        browser.get(root + "agent/cases/" + c.caseId());
        assertTrue(browser.findElements(By.id("approval-form")).isEmpty(), "no approval buttons for the reviewer");
        assertTrue(browser.findElement(By.id("four-eyes")).getText().contains("another supervisor"));
        browser.get(root + "supervisor");
        WebElement row = browser.findElement(By.xpath("//table[@id='queue']//tr[.//a[text()='" + c.ticketRef() + "']]"));
        assertTrue(row.findElements(By.cssSelector("form[action$='/claim']")).isEmpty(), "no claim button for the reviewer");
    }

    private void signIn(String username, String next) {
        browser.get(root + "login?next=" + next);
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys("recovery-demo");
        browser.findElement(By.cssSelector("form[action='/login'] button[type=submit]")).click();
    }

    /** No script of the description ran: no dialog, and its markup is nowhere in the page as elements. */
    private void assertNoDialogAndTextOnly() {
        assertThrows(NoAlertPresentException.class, () -> browser.switchTo().alert());
        assertTrue(browser.findElements(By.cssSelector("img[src='x']")).isEmpty(), "the description's img tag is not an element");
        assertTrue(browser.findElements(By.xpath("//script[contains(., 'alert')]")).isEmpty(), "the description's script is not an element");
    }

    private void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENS);
        Files.write(SCREENS.resolve(name), browser.getScreenshotAs(OutputType.BYTES));
    }
}
