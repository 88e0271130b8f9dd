package com.recoverydesk.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.recoverydesk.support.TestAccounts;
import com.recoverydesk.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Cookie;
import io.restassured.response.Response;
import io.quarkus.test.common.http.TestHTTPResource;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every state-changing request a browser can send with the session cookie carries the CSRF token,
 * whatever its Content-Type; bearer calls do not need it; the token changes at sign-in and sign-out.
 */
@QuarkusTest
class CsrfProtectionTest {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");

    @TestHTTPResource("/")
    URL root;

    @Test
    void shouldRefuseABodylessCookiePostWithoutTheTokenAndKeepTheCaseOpen() throws Exception {
        String caseToken = (String) TestAccounts.openCase(TestAccounts.create()).get("caseToken");
        Cookie session = new Cookie.Builder(SessionCookie.NAME, caseToken).build();

        // no body, no Content-Type: what fetch(…, {method: 'POST', credentials: 'include'}) sends
        assertEquals(403, bodylessPost("/recover/case/withdrawal", caseToken));
        assertEquals(403, bodylessPost("/api/v1/my-case/withdrawal", caseToken));
        assertEquals(403, bodylessPost("/api/v1/my-case/submission", caseToken));
        given().cookie(session).contentType("application/json").body("{}").post("/api/v1/my-case/withdrawal").then().statusCode(403);

        given().auth().oauth2(caseToken).get("/api/v1/my-case").then().statusCode(200).body("status", equalTo("AWAITING_EVIDENCE"));
    }

    @Test
    void shouldAcceptACookiePostThatCarriesTheTokenInTheHeader() {
        String caseToken = (String) TestAccounts.openCase(TestAccounts.create()).get("caseToken");
        Cookie session = new Cookie.Builder(SessionCookie.NAME, caseToken).build();
        Response page = given().cookie(session).accept("text/html").get("/recover/case");
        Matcher field = CSRF_FIELD.matcher(page.asString());
        assertTrue(field.find());
        given().cookie(session).cookie(page.getDetailedCookie(CsrfToken.COOKIE)).header(CsrfToken.HEADER, field.group(1))
                .post("/api/v1/my-case/withdrawal").then().statusCode(202);
    }

    @Test
    void shouldLetABearerCallThroughWithoutTheToken() {
        String caseToken = (String) TestAccounts.openCase(TestAccounts.create()).get("caseToken");
        given().auth().oauth2(caseToken).post("/api/v1/my-case/withdrawal").then().statusCode(202);
    }

    @Test
    void shouldRefuseABodylessStaffSignOutWithoutTheToken() throws Exception {
        String token = TestTokens.signIn("agent2");
        Cookie session = new Cookie.Builder(SessionCookie.NAME, token).build();
        assertEquals(403, bodylessPost("/logout", token));
        assertEquals(403, bodylessPost("/api/v1/auth/logout", token));
        given().auth().oauth2(token).get("/api/v1/review/tasks").then().statusCode(200);
    }

    /** A POST without body or Content-Type, with the session cookie; its status. */
    private int bodylessPost(String path, String sessionToken) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(root.toURI().resolve(path)).header("Cookie", SessionCookie.NAME + "=" + sessionToken)
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> answer = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        return answer.statusCode();
    }

    @Test
    void shouldRotateTheCsrfTokenAtSignInAndSignOut() {
        Response login = given().accept("text/html").get("/login");
        Cookie before = login.getDetailedCookie(CsrfToken.COOKIE);
        Matcher field = CSRF_FIELD.matcher(login.asString());
        assertTrue(field.find());

        Response signedIn = given().redirects().follow(false).cookie(before).contentType("application/x-www-form-urlencoded")
                .formParam("csrf-token", field.group(1)).formParam("username", "manager1").formParam("password", "recovery-demo")
                .formParam("next", "/").post("/login");
        signedIn.then().statusCode(303);
        Cookie afterSignIn = signedIn.getDetailedCookie(CsrfToken.COOKIE);
        assertNotNull(afterSignIn, "a new CSRF cookie at sign-in");
        assertNotEquals(before.getValue(), afterSignIn.getValue());

        Response signedOut = given().redirects().follow(false).cookie(signedIn.getDetailedCookie(SessionCookie.NAME)).cookie(afterSignIn)
                .contentType("application/x-www-form-urlencoded").formParam("csrf-token", afterSignIn.getValue()).post("/logout");
        signedOut.then().statusCode(303);
        Cookie afterSignOut = signedOut.getDetailedCookie(CsrfToken.COOKIE);
        assertNotNull(afterSignOut, "a new CSRF cookie at sign-out");
        assertNotEquals(afterSignIn.getValue(), afterSignOut.getValue());
    }
}
