package com.recoverydesk.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.recoverydesk.web.SessionCookie;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Cookie;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The screens' session: sign-in form, session cookie, landing page, sign-out. */
@QuarkusTest
class LoginPagesTest {

    @Test
    void shouldSignInSetAStrictHttpOnlyCookieAndShowTheAgentsPlace() {
        Form form = Form.open();
        Response signedIn = form.post(Map.of("username", "agent1", "password", "recovery-demo", "next", "/"));
        signedIn.then().statusCode(303).header("Location", endsWith("/"));
        Cookie session = signedIn.getDetailedCookie(SessionCookie.NAME);
        assertTrue(session.isHttpOnly(), "HttpOnly");
        assertTrue(session.isSecured(), "Secure");
        assertEquals("Strict", session.getSameSite());

        given().cookie(session).accept("text/html").get("/")
                .then().statusCode(200)
                .body(containsString("Review desk"))
                .body(containsString("href=\"/agent\""))
                .body(not(containsString("href=\"/supervisor\"")));
    }

    @Test
    void shouldShowAReadableErrorAndNoCookieForAWrongPassword() {
        Response failed = Form.open().post(Map.of("username", "agent1", "password", "wrong", "next", "/"));
        failed.then().statusCode(401).contentType(containsString("text/html"))
                .body(containsString("The user name, password or one-time code is not correct."))
                .body(containsString("value=\"agent1\""));
        assertEquals(null, failed.getDetailedCookie(SessionCookie.NAME));
    }

    @Test
    void shouldNotRedirectOffSiteAfterSignIn() {
        Form.open().post(Map.of("username", "agent2", "password", "recovery-demo", "next", "//attacker.example/x"))
                .then().statusCode(303).header("Location", not(containsString("attacker")));
    }

    @Test
    void shouldRefuseAFormPostWithoutTheCsrfToken() {
        given().contentType("application/x-www-form-urlencoded").formParam("username", "agent1")
                .formParam("password", "recovery-demo").post("/login")
                .then().statusCode(400);
    }

    @Test
    void shouldRefuseAPlainTextFormPostWithTheSessionCookie() {
        Form form = Form.open();
        io.restassured.http.Cookie session = form.post(Map.of("username", "agent1", "password", "recovery-demo", "next", "/"))
                .getDetailedCookie(SessionCookie.NAME);
        // what a cross-site <form enctype="text/plain"> could send, were the cookie not SameSite=Strict
        given().cookie(session).contentType("text/plain").body("x=y").post("/api/v1/auth/logout").then().statusCode(400);
        given().cookie(session).accept("text/html").get("/account/security").then().statusCode(200);
    }

    @Test
    void shouldSignOutAndRefuseTheOldCookie() {
        Form form = Form.open();
        Cookie session = form.post(Map.of("username", "compliance1", "password", "recovery-demo", "next", "/"))
                .getDetailedCookie(SessionCookie.NAME);
        given().cookie(session).accept("text/html").get("/account/security").then().statusCode(200);

        Response signedOut = given().redirects().follow(false).cookie(session).cookie(form.csrfCookie)
                .contentType("application/x-www-form-urlencoded").formParam(form.csrfField, form.csrfToken)
                .post("/logout");
        signedOut.then().statusCode(303).header("Location", containsString("/login?signedOut"));
        assertEquals(0, signedOut.getDetailedCookie(SessionCookie.NAME).getMaxAge());

        Response refused = given().redirects().follow(false).cookie(session).accept("text/html").get("/account/security");
        refused.then().statusCode(303).header("Location", containsString("/login?next="));
        assertEquals(0, refused.getDetailedCookie(SessionCookie.NAME).getMaxAge(), "the dead cookie is dropped");
        // even the login page, asked with the dead cookie, drops it and shows itself again (no loop)
        Response login = given().redirects().follow(false).cookie(session).accept("text/html").get("/login");
        login.then().statusCode(303).header("Location", endsWith("/login"));
        assertEquals(0, login.getDetailedCookie(SessionCookie.NAME).getMaxAge());
    }

    @Test
    void shouldSendAnonymousScreenVisitorsToTheLoginPage() {
        given().redirects().follow(false).accept("text/html").get("/account/security")
                .then().statusCode(303).header("Location", containsString("/login?next=%2Faccount%2Fsecurity"));
    }

    /** The sign-in form with its CSRF token, as a browser holds it. */
    record Form(Cookie csrfCookie, String csrfField, String csrfToken) {
        static Form open() {
            Response page = given().accept("text/html").get("/login");
            page.then().statusCode(200);
            String html = page.asString();
            var matcher = java.util.regex.Pattern.compile("type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]+)\"").matcher(html);
            assertTrue(matcher.find(), "CSRF field on the form");
            return new Form(page.getDetailedCookie("rd_csrf"), matcher.group(1), matcher.group(2));
        }

        Response post(Map<String, String> fields) {
            var request = given().redirects().follow(false).cookie(csrfCookie)
                    .contentType("application/x-www-form-urlencoded").formParam(csrfField, csrfToken);
            for (var field : fields.entrySet()) {
                request = request.formParam(field.getKey(), field.getValue());
            }
            return request.post("/login");
        }
    }
}
