package com.recoverydesk.audit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.recoverydesk.support.Browser;
import com.recoverydesk.support.BrowserTestBase;
import com.recoverydesk.support.Eventually;
import com.recoverydesk.support.TestAccounts;
import com.recoverydesk.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;

/** A compliance officer finds a case by its ticket and reads its whole timeline in a real browser. */
@QuarkusTest
class BrowserCaseTimelineTest extends BrowserTestBase {

    @Test
    void shouldFindACaseByTicketAndShowItsTimelineOldestFirst() throws Exception {
        Map<String, Object> opened = TestAccounts.openCase(TestAccounts.create());
        String ticketRef = (String) opened.get("ticketRef");
        // the process assesses the risk and asks for evidence on its own; wait until the trail shows it
        Eventually.await("the case's evidence request in the trail", () -> given().auth().oauth2(TestTokens.forRole("compliance"))
                .queryParam("ticketRef", ticketRef).queryParam("action", "case.evidence-requested")
                .get("/api/v1/audit/events").then().extract().<List<?>>path("events").size() == 1);

        browser.get(root + "login");
        browser.findElement(By.id("username")).sendKeys("compliance1");
        browser.findElement(By.id("password")).sendKeys(TestTokens.DEMO_PASSWORD);
        browser.findElement(By.cssSelector("form[action='/login'] button[type=submit]")).click();
        Browser.awaitHeading(browser, heading -> heading.startsWith("Welcome"));

        browser.get(root + "compliance");
        browser.findElement(By.id("ticketRef")).sendKeys(ticketRef);
        browser.findElement(By.cssSelector("form[action='/compliance'] button[type=submit]")).click();
        browser.findElement(By.cssSelector("#audit-events td a")).click();
        Browser.awaitHeading(browser, "Case timeline"::equals);

        List<String> actions = browser.findElements(By.cssSelector("#timeline li strong")).stream().map(WebElement::getText).toList();
        assertEquals("case.opened", actions.get(0));
        assertTrue(actions.indexOf("case.risk-assessed") > 0, actions.toString());
        assertTrue(actions.indexOf("case.evidence-requested") > actions.indexOf("case.risk-assessed"), actions.toString());

        Path screens = Files.createDirectories(Path.of("target", "screens"));
        Files.write(screens.resolve("compliance-case-timeline.png"), browser.getScreenshotAs(OutputType.BYTES));
    }
}
