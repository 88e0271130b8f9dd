package com.recoverydesk.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.recoverydesk.support.Browser;
import com.recoverydesk.support.BrowserTestBase;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** A staff member signs in with a real browser and lands on the place of their role. */
@QuarkusTest
class BrowserSignInTest extends BrowserTestBase {

    @Test
    void shouldSignInAsAnAgentSeeTheReviewDeskAndSignOut() {
        browser.get(root + "login");
        browser.findElement(By.id("username")).sendKeys("agent1");
        browser.findElement(By.id("password")).sendKeys("recovery-demo");
        browser.findElement(By.cssSelector("form[action='/login'] button[type=submit]")).click();

        Browser.awaitHeading(browser, heading -> heading.startsWith("Welcome"));
        List<String> places = browser.findElements(By.cssSelector("main a.card h2")).stream().map(WebElement::getText).toList();
        assertEquals(List.of("Review desk"), places);
        assertNotNull(browser.manage().getCookieNamed(SessionCookie.NAME), "the session cookie is set");

        browser.findElement(By.cssSelector("form[action='/logout'] button")).click();
        assertTrue(browser.findElement(By.cssSelector("[role=status]")).getText().contains("signed out"));
        assertEquals(null, browser.manage().getCookieNamed(SessionCookie.NAME));
    }

    @Test
    void shouldTellAWrongPasswordOnTheSamePage() {
        browser.get(root + "login");
        browser.findElement(By.id("username")).sendKeys("agent1");
        browser.findElement(By.id("password")).sendKeys("not-it");
        browser.findElement(By.cssSelector("form[action='/login'] button[type=submit]")).click();

        assertTrue(browser.findElement(By.cssSelector("[role=alert]")).getText().contains("not correct"));
        assertEquals("agent1", browser.findElement(By.id("username")).getAttribute("value"));
    }
}
