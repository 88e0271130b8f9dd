package com.recoverydesk.requester;

import com.recoverydesk.support.Browser;
import com.recoverydesk.support.BrowserTestBase;
import com.recoverydesk.support.EvidenceSamples;
import com.recoverydesk.support.TestAccounts;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;

/**
 * Not a test (the name keeps it out of the suite): takes the screenshots of the requester's pages
 * in docs/screens, at a phone's width (390 px) and a laptop's (1280 px).
 * Run: {@code mvn -B test -Dtest=RequesterScreensCapture}.
 */
@QuarkusTest
class RequesterScreensCapture extends BrowserTestBase {

    @Test
    void captureTheRequesterPages() throws Exception {
        for (int width : new int[]{390, 1280}) {
            browser.manage().window().setSize(new Dimension(width, 900));
            String email = TestAccounts.create();
            browser.get(root + "recover");
            shoot("requester-1-request", width);
            browser.findElement(By.id("accountEmail")).sendKeys(email);
            browser.findElement(By.id("description")).sendKeys("My phone fell into the sea, with the authenticator app on it.");
            browser.findElement(By.cssSelector("form[action='/recover'] button")).click();
            Browser.awaitHeading(browser, "Check your mail"::equals);
            shoot("requester-2-check-your-mail", width);

            TestAccounts.mailedCode(email); // the page's own request mailed first: the next one supersedes it
            String caseToken = (String) TestAccounts.openCase(email).get("caseToken");
            io.restassured.RestAssured.given().auth().oauth2(caseToken).multiPart("kind", "ID_FRONT")
                    .multiPart("file", "front.png", EvidenceSamples.png(800, 500), "image/png").post("/api/v1/my-case/evidence")
                    .then().statusCode(201);
            browser.manage().addCookie(new Cookie.Builder("rd_session", caseToken).path("/").isHttpOnly(true).isSecure(true)
                    .sameSite("Strict").build());
            browser.get(root + "recover/case");
            shoot("requester-3-case", width);

            io.restassured.RestAssured.given().auth().oauth2(caseToken).post("/api/v1/my-case/withdrawal").then().statusCode(202);
            browser.get(root + "recover/case");
            shoot("requester-4-case-withdrawn", width);
        }
    }

    private void shoot(String name, int width) throws Exception {
        // the whole page, not just the window: the window is made as tall as the page first
        long height = (Long) browser.executeScript("return document.documentElement.scrollHeight");
        browser.manage().window().setSize(new Dimension(width, (int) Math.min(Math.max(height, 600), 4000)));
        Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
        Path target = Path.of("docs/screens", name + "-" + width + ".png");
        Files.createDirectories(target.getParent());
        Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
    }
}
