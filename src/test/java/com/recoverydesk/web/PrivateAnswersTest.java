package com.recoverydesk.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.recoverydesk.support.TestAccounts;
import com.recoverydesk.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Answers with personal data are not cached; a request without the session cookie does not clear it. */
@QuarkusTest
class PrivateAnswersTest {

    @Test
    void shouldNotClearTheSessionCookieOnARequestThatDidNotBringIt() {
        // a link from a mail or a chat: SameSite=Strict keeps the cookie off the request
        Response linked = given().redirects().follow(false).accept("text/html").get("/agent");
        linked.then().statusCode(303).header("Location", containsString("/login"));
        assertNull(linked.getDetailedCookie(SessionCookie.NAME), "no Set-Cookie for the session");
        Response requester = given().redirects().follow(false).accept("text/html").get("/recover/case");
        assertNull(requester.getDetailedCookie(SessionCookie.NAME), "no Set-Cookie for the session");
    }

    @Test
    void shouldMarkPersonalPagesAndApiAnswersNoStore() {
        String caseToken = (String) TestAccounts.openCase(TestAccounts.create()).get("caseToken");
        given().auth().oauth2(caseToken).get("/api/v1/my-case").then().statusCode(200).header("Cache-Control", equalTo("no-store"));
        given().cookie(SessionCookie.NAME, caseToken).accept("text/html").get("/recover/case")
                .then().statusCode(200).header("Cache-Control", equalTo("no-store"));
        given().cookie(SessionCookie.NAME, TestTokens.forRole("agent")).accept("text/html").get("/agent")
                .then().statusCode(200).header("Cache-Control", equalTo("no-store"));
        given().cookie(SessionCookie.NAME, TestTokens.forRole("compliance")).accept("text/html").get("/compliance")
                .then().statusCode(200).header("Cache-Control", equalTo("no-store"));
        given().auth().oauth2(TestTokens.forRole("compliance")).get("/api/v1/audit/events")
                .then().statusCode(200).header("Cache-Control", equalTo("no-store"));
        given().auth().oauth2(TestTokens.forRole("compliance")).get("/api/v1/audit/export")
                .then().statusCode(200).header("Cache-Control", equalTo("no-store"));
        given().contentType("application/json").body(Map.of("username", "manager1", "password", "recovery-demo"))
                .post("/api/v1/auth/token").then().statusCode(200).header("Cache-Control", equalTo("no-store"));
    }
}
