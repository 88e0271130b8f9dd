package com.recoverydesk.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import com.recoverydesk.support.BrowserTestBase;
import com.recoverydesk.support.TestAccounts;
import com.recoverydesk.support.TestTokens;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * An attacker's page on another port of the same host (the same site, so SameSite=Strict cookies
 * go along) posts to the desk with the victim's cookies: nothing changes.
 */
@QuarkusTest
class CrossSiteRequestBrowserTest extends BrowserTestBase {

    private HttpServer attacker;

    @AfterEach
    void stopAttacker() {
        if (attacker != null) {
            attacker.stop(0);
        }
    }

    @Test
    void shouldChangeNothingWhenAPageOnAnotherPortPostsWithTheRequestersCookie() throws IOException {
        String caseToken = (String) TestAccounts.openCase(TestAccounts.create()).get("caseToken");
        signInBrowser(caseToken, "recover/case");

        visitAttackerPosting("/recover/case/withdrawal", "/api/v1/my-case/withdrawal", "/api/v1/my-case/submission");

        given().auth().oauth2(caseToken).get("/api/v1/my-case").then().statusCode(200).body("status", equalTo("AWAITING_EVIDENCE"));
    }

    @Test
    void shouldKeepTheStaffSessionWhenAPageOnAnotherPortPostsTheSignOut() throws IOException {
        String token = TestTokens.signIn("supervisor2");
        signInBrowser(token, "supervisor");

        visitAttackerPosting("/logout", "/api/v1/auth/logout");

        given().auth().oauth2(token).get("/api/v1/review/tasks?queue=approval").then().statusCode(200);
    }

    /** Puts the session cookie into the browser as sign-in would, and opens a page so it holds a CSRF cookie too. */
    private void signInBrowser(String token, String page) {
        browser.get(root + "recover");
        browser.manage().addCookie(new Cookie.Builder(SessionCookie.NAME, token).path("/").isHttpOnly(true).isSecure(true)
                .sameSite("Strict").build());
        browser.get(root + page);
    }

    /** Serves a page on another port that posts (body-less, and as plain text) to each target, then says "done". */
    private void visitAttackerPosting(String... targets) throws IOException {
        String origin = root.toString().replaceAll("/$", "");
        StringBuilder calls = new StringBuilder();
        for (String target : targets) {
            calls.append("fetch('").append(origin).append(target).append("', {method: 'POST', credentials: 'include', mode: 'no-cors'}),");
            calls.append("fetch('").append(origin).append(target)
                    .append("', {method: 'POST', credentials: 'include', mode: 'no-cors', headers: {'Content-Type': 'text/plain'}, body: 'x=y'}),");
        }
        String html = "<!DOCTYPE html><html><head><title>win a prize</title></head><body><script>"
                + "Promise.allSettled([" + calls + "]).then(() => { document.title = 'done'; });"
                + "</script></body></html>";
        attacker = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        attacker.createContext("/", exchange -> {
            byte[] body = html.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        attacker.start();
        browser.get("http://localhost:" + attacker.getAddress().getPort() + "/");
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(driver -> "done".equals(driver.getTitle()));
    }
}
