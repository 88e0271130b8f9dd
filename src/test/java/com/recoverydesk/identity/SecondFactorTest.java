package com.recoverydesk.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.recoverydesk.web.SessionCookie;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.Cookie;
import io.restassured.response.Response;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The staff second factor: each code once, enrolment bound to the server's secret, replacing it needs the current code. */
@QuarkusTest
class SecondFactorTest {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");
    private static final Pattern SECRET = Pattern.compile("id=\"totp-secret\">([A-Z2-7]+)<");

    @Test
    void shouldAcceptEachTotpCodeOnlyOnce() {
        String username = "once" + System.nanoTime() % 100000;
        String secret = Totp.newSecret();
        StaffSignInTest.createStaff(username, "right-password", secret);
        String code = Totp.codeAt(secret, Instant.now());
        given().contentType("application/json").body(Map.of("username", username, "password", "right-password", "totp", code))
                .post("/api/v1/auth/token").then().statusCode(200);
        given().contentType("application/json").body(Map.of("username", username, "password", "right-password", "totp", code))
                .post("/api/v1/auth/token").then().statusCode(401);
    }

    @Test
    void shouldEnrolOnlyTheSecretTheServerGeneratedAndShowItAsAQrCode() {
        String username = "enrol" + System.nanoTime() % 100000;
        StaffSignInTest.createStaff(username, "right-password", null);
        Cookie session = new Cookie.Builder(SessionCookie.NAME, token(username, null)).build();
        Page page = Page.open(session);
        assertTrue(page.html.contains("src=\"data:image/png;base64,"), "a QR code");

        // a secret the client chose is ignored: its code does not enrol
        String chosen = Totp.newSecret();
        page.post(Map.of("secret", chosen, "code", Totp.codeAt(chosen, Instant.now()))).then().statusCode(400);
        assertEquals(null, totpSecretOf(username));

        Page again = Page.open(session);
        assertEquals(page.secret, again.secret, "the same pending secret until it is confirmed");
        again.post(Map.of("code", Totp.codeAt(again.secret, Instant.now()))).then().statusCode(303);
        assertEquals(again.secret, totpSecretOf(username));
    }

    @Test
    void shouldAskForTheCurrentCodeBeforeReplacingAnEnrolledAuthenticator() {
        String username = "replace" + System.nanoTime() % 100000;
        String current = Totp.newSecret();
        StaffSignInTest.createStaff(username, "right-password", current);
        // signed in a step ago, so that the current step's code is still unspent
        String token = token(username, Totp.codeAt(current, Instant.now().minusSeconds(30)));
        Cookie session = new Cookie.Builder(SessionCookie.NAME, token).build();
        Page page = Page.open(session);
        assertTrue(page.html.contains("name=\"currentCode\""));

        page.post(Map.of("code", Totp.codeAt(page.secret, Instant.now()))).then().statusCode(400)
                .body(containsString("current code"));
        assertEquals(current, totpSecretOf(username));

        Page again = Page.open(session);
        again.post(Map.of("code", Totp.codeAt(again.secret, Instant.now()), "currentCode", Totp.codeAt(current, Instant.now())))
                .then().statusCode(303);
        assertNotEquals(current, totpSecretOf(username));
    }

    private static String token(String username, String totp) {
        Map<String, String> body = totp == null ? Map.of("username", username, "password", "right-password")
                : Map.of("username", username, "password", "right-password", "totp", totp);
        return given().contentType("application/json").body(body).post("/api/v1/auth/token").then().statusCode(200).extract().path("accessToken");
    }

    private static String totpSecretOf(String username) {
        return QuarkusTransaction.requiringNew().call(() -> StaffAccount.findByUsername(username).orElseThrow().totpSecret);
    }

    record Page(Cookie session, Cookie csrfCookie, String csrf, String secret, String html) {
        static Page open(Cookie session) {
            Response shown = given().cookie(session).accept("text/html").get("/account/security");
            shown.then().statusCode(200);
            String html = shown.asString();
            Matcher csrf = CSRF_FIELD.matcher(html);
            Matcher secret = SECRET.matcher(html);
            assertTrue(csrf.find() && secret.find(), "form and key on the page");
            return new Page(session, shown.getDetailedCookie("rd_csrf"), csrf.group(1), secret.group(1), html);
        }

        Response post(Map<String, String> fields) {
            var request = given().redirects().follow(false).cookie(session).accept("text/html")
                    .contentType("application/x-www-form-urlencoded").formParam("csrf-token", csrf);
            if (csrfCookie != null) {
                request = request.cookie(csrfCookie);
            }
            for (var field : fields.entrySet()) {
                request = request.formParam(field.getKey(), field.getValue());
            }
            return request.post("/account/security");
        }
    }
}
