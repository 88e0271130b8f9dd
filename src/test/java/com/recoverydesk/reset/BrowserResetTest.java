package com.recoverydesk.reset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.recoverydesk.accounts.CustomerAccount;
import com.recoverydesk.identity.Totp;
import com.recoverydesk.support.Browser;
import com.recoverydesk.support.BrowserTestBase;
import com.recoverydesk.support.ResetFixtures;
import com.recoverydesk.support.TestAccounts;
import com.recoverydesk.support.TestCases;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** A customer's browser follows the links of the reset mails, read in the demo mailbox. */
@QuarkusTest
class BrowserResetTest extends BrowserTestBase {

    @Test
    void shouldStopTheResetFromTheObjectionLinkInTheMailbox() {
        ResetFixtures.Customer customer = ResetFixtures.customer(CustomerAccount.BalanceTier.LARGE);
        TestCases.ApprovedCase approved = TestCases.approvedCase(customer.email());
        TestAccounts.newestMailTextMatching(customer.email(), "This was not you", Duration.ofSeconds(20));

        browser.get(mailboxOf(customer.email()));
        browser.get(root + linkIn(browser.findElement(By.tagName("main")).getText(), "objection").substring(1));
        Browser.awaitHeading(browser, h -> h.startsWith("Stop the reset"));
        browser.findElement(By.id("object")).click();
        Browser.awaitHeading(browser, "The reset is stopped"::equals);

        ResetFixtures.awaitStatus(approved.caseToken(), "FROZEN", Duration.ofSeconds(20));
    }

    @Test
    void shouldSetUpTheNewAuthenticatorFromTheEnrolmentLinkAndSignInWithIt() {
        ResetFixtures.Customer customer = ResetFixtures.customer(CustomerAccount.BalanceTier.STANDARD);
        TestCases.ApprovedCase approved = TestCases.approvedCase(customer.email());
        ResetFixtures.awaitStatus(approved.caseToken(), "RECOVERED", Duration.ofSeconds(30));
        ResetFixtures.enrolmentLink(customer.email(), Duration.ofSeconds(10));

        browser.get(mailboxOf(customer.email()));
        browser.get(root + linkIn(browser.findElement(By.tagName("main")).getText(), "enrol").substring(1));
        Browser.awaitHeading(browser, "Set up your new authenticator"::equals);
        assertTrue(browser.findElement(By.id("qr")).getAttribute("src").startsWith("data:image/png;base64,"));
        String secret = browser.findElement(By.id("secret")).getText().replace(" ", "");
        Instant now = Instant.now();
        browser.findElement(By.id("code")).sendKeys(Totp.codeAt(secret, now));
        browser.findElement(By.id("confirm")).click();
        Browser.awaitHeading(browser, "Your new authenticator is set up"::equals);
        assertEquals(10, browser.findElements(By.cssSelector("#backup-codes li")).size());

        browser.get(root + "demo/sign-in");
        browser.findElement(By.id("email")).sendKeys(customer.email());
        browser.findElement(By.id("password")).sendKeys(ResetFixtures.PASSWORD);
        browser.findElement(By.id("totp")).sendKeys(Totp.codeAt(secret, now.plusSeconds(30)));
        browser.findElement(By.id("sign-in")).click();
        Browser.awaitHeading(browser, "Signed in"::equals);
        assertTrue(browser.findElement(By.id("withdrawal-lock")).getText().startsWith("Withdrawals locked until"));
    }

    private String mailboxOf(String email) {
        return root + "demo/mailbox?to=" + URLEncoder.encode(email, StandardCharsets.UTF_8);
    }

    /** The path of the newest link of this kind in the mailbox page's text. */
    private static String linkIn(String text, String kind) {
        Matcher matcher = Pattern.compile("https?://[^/\\s]+(/" + kind + "/[A-Za-z0-9_-]{43})").matcher(text);
        assertTrue(matcher.find(), text);
        return matcher.group(1);
    }
}
