package com.recoverydesk.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.recoverydesk.support.Browser;
import com.recoverydesk.support.BrowserTestBase;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** In a real browser: admin1 creates an agent's account, and the new agent chooses a password at the first sign-in. */
@QuarkusTest
class BrowserStaffAdminTest extends BrowserTestBase {

    @Test
    void shouldCreateAnAccountWhoseOwnerChoosesTheirPasswordAtTheFirstSignIn() {
        String username = "br" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        signIn("admin1", "recovery-demo");
        Browser.awaitHeading(browser, heading -> heading.startsWith("Welcome"));

        browser.get(root + "admin");
        browser.findElement(By.cssSelector("a.card[href='/admin/staff']")).click();
        Browser.awaitHeading(browser, "Staff accounts"::equals);
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("displayName")).sendKeys("Browser Agent");
        browser.findElement(By.cssSelector("#create input[name=role][value=agent]")).click();
        browser.findElement(By.id("password")).sendKeys("first-temporary-1");
        browser.findElement(By.cssSelector("#create button[type=submit]")).click();

        assertTrue(browser.findElement(By.cssSelector("[role=status]")).getText().contains("The account is created"));
        assertEquals("agent", browser.findElement(By.id("roles")).getText());
        browser.findElement(By.cssSelector("form[action='/logout'] button")).click();

        signIn(username, "first-temporary-1");
        Browser.awaitHeading(browser, "Choose your password"::equals);
        browser.findElement(By.id("password")).sendKeys("my-chosen-password");
        browser.findElement(By.id("confirmation")).sendKeys("my-chosen-password");
        browser.findElement(By.cssSelector("form[action='/login/password'] button[type=submit]")).click();

        Browser.awaitHeading(browser, heading -> heading.startsWith("Welcome"));
        List<String> places = browser.findElements(By.cssSelector("main a.card h2")).stream().map(WebElement::getText).toList();
        assertEquals(List.of("Review desk"), places);
    }

    private void signIn(String username, String password) {
        browser.get(root + "login");
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("form[action='/login'] button[type=submit]")).click();
    }
}
