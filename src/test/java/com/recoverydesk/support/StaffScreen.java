package com.recoverydesk.support;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.recoverydesk.web.SessionCookie;
import io.restassured.http.Cookie;
import io.restassured.response.Response;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A staff member's browser on the staff screens: the session cookie of a real token for the role,
 * and the CSRF cookie and field that a page handed out, as a browser would send them back.
 */
public record StaffScreen(Cookie session, Cookie csrfCookie, String csrfToken) {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");

    /** Opens {@code page} as the role's demo user and keeps the CSRF token of its forms. */
    public static StaffScreen open(String role, String page) {
        Cookie session = new Cookie.Builder(SessionCookie.NAME, TestTokens.forRole(role)).build();
        Response shown = given().cookie(session).accept("text/html").get(page);
        shown.then().statusCode(200);
        Matcher field = CSRF_FIELD.matcher(shown.asString());
        assertTrue(field.find(), "CSRF field on the page");
        return new StaffScreen(session, shown.getDetailedCookie("rd_csrf"), field.group(1));
    }

    public String get(String page) {
        return given().cookie(session).accept("text/html").get(page).then().statusCode(200).extract().asString();
    }

    /** Posts a form as the page's buttons do, without following the redirect. */
    public Response post(String action, Map<String, String> fields) {
        var request = given().redirects().follow(false).cookie(session).accept("text/html")
                .contentType("application/x-www-form-urlencoded");
        if (csrfCookie != null) {
            request = request.cookie(csrfCookie);
        }
        request = request.formParam("csrf-token", csrfToken);
        for (var entry : fields.entrySet()) {
            request = request.formParam(entry.getKey(), entry.getValue());
        }
        return request.post(action);
    }
}
