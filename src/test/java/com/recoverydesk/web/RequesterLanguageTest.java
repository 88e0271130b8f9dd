package com.recoverydesk.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.recoverydesk.support.Languages;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The requester's second language: every key translated, chosen from Accept-Language or the switch, remembered; staff stay English. */
@QuarkusTest
class RequesterLanguageTest {

    /** Staff read the objection alert: it has no Japanese. */
    private static final Set<String> ENGLISH_ONLY = Set.of("objectionAlertSubject");
    /** The same in both languages: a name. */
    private static final Set<String> SAME_IN_BOTH = Set.of("fromDesk");

    @Test
    void shouldHaveEveryKeyOfTheEnglishBundlesInJapanese() {
        for (Class<?> bundle : Languages.BUNDLES) {
            Properties japanese = Languages.japanese(bundle);
            Set<String> expected = new TreeSet<>(Languages.keys(bundle));
            expected.removeAll(ENGLISH_ONLY);
            assertEquals(expected, new TreeSet<>(japanese.stringPropertyNames()), "keys of " + bundle.getSimpleName() + " in Japanese");
            for (String key : expected) {
                if (!SAME_IN_BOTH.contains(key)) {
                    assertNotEquals(Languages.englishOf(bundle, key), japanese.getProperty(key), bundle.getSimpleName() + "." + key + " is not translated");
                }
            }
        }
    }

    @Test
    void shouldChooseTheLanguageTheBrowserPrefers() {
        Response japanese = given().accept("text/html").header("Accept-Language", "fr-CH, fr;q=0.9, ja;q=0.8, en;q=0.7").get("/recover");
        japanese.then().statusCode(200).header("Content-Language", "ja").header("Vary", containsString("Accept-Language"))
                .body(containsString("<html lang=\"ja\">")).body(containsString("href=\"/recover?lang=en\""));
        Languages.assertJapanese("/recover for ja", japanese.asString());

        Response english = given().accept("text/html").header("Accept-Language", "de-DE, en;q=0.5, ja;q=0.4").get("/recover");
        english.then().statusCode(200).header("Content-Language", "en").body(containsString("href=\"/recover?lang=ja\""));
        Languages.assertEnglish("/recover for en", english.asString());

        Languages.assertEnglish("/recover without a preference", given().accept("text/html").get("/recover").asString());
    }

    @Test
    void shouldRememberTheSwitchInACookieWithoutLosingCachingOrSecurityHeaders() {
        Response switched = given().accept("text/html").header("Accept-Language", "en").redirects().follow(false).get("/recover?lang=ja");
        switched.then().statusCode(200).header("Cache-Control", "no-store")
                .header("Content-Security-Policy", containsString("default-src 'self'"))
                .header("X-Frame-Options", "DENY");
        assertEquals("ja", switched.getCookie(RequesterLanguage.COOKIE));
        assertTrue(switched.getDetailedCookie(RequesterLanguage.COOKIE).isHttpOnly());
        Languages.assertJapanese("/recover?lang=ja", switched.asString());

        // the cookie outranks Accept-Language, on every requester page
        Response later = given().accept("text/html").header("Accept-Language", "en").cookie(RequesterLanguage.COOKIE, "ja").get("/");
        later.then().statusCode(200).header("Content-Language", "ja");
        Languages.assertJapanese("/ with the cookie", later.asString());

        // and switching back sets it back
        Response back = given().accept("text/html").cookie(RequesterLanguage.COOKIE, "ja").get("/recover?lang=en");
        assertEquals("en", back.getCookie(RequesterLanguage.COOKIE));
        Languages.assertEnglish("/recover?lang=en", back.asString());

        // a value of no supported language is ignored
        Languages.assertEnglish("/recover with a bad cookie",
                given().accept("text/html").cookie(RequesterLanguage.COOKIE, "<script>").get("/recover?lang=xx").asString());
    }

    @Test
    void shouldKeepStaffScreensInEnglish() {
        Response login = given().accept("text/html").header("Accept-Language", "ja").cookie(RequesterLanguage.COOKIE, "ja").get("/login");
        login.then().statusCode(200).body(not(containsString("language-switch"))).body(containsString("<html lang=\"en\">"));
        Languages.assertEnglish("/login for a Japanese browser", login.asString());
    }

    @Test
    void shouldAnswerAnUnknownRequesterPageInTheRequestersLanguage() {
        Response missing = given().accept("text/html").header("Accept-Language", "ja").get("/recover/no-such-page");
        missing.then().statusCode(404).body(containsString("ページが見つかりません"));
        Languages.assertJapanese("404 on /recover", missing.asString());
    }

    /**
     * Every refusal a requester can meet has its Japanese: the codes that the service's steps give
     * their refusals (found in the source, so that a new one cannot be forgotten) and the codes of
     * the common answers (invalid fields, a cut-off upload, an expired form, ...).
     */
    @Test
    void shouldSayEveryCodedRefusalInJapanese() throws IOException {
        Set<String> codes = new TreeSet<>(Set.of(RequesterProblems.REQUEST_INVALID_FIELDS, RequesterProblems.REQUEST_WRONG_TYPE,
                RequesterProblems.REQUEST_UPLOAD_CUT_OFF, RequesterProblems.REQUEST_FORM_EXPIRED,
                RequesterProblems.REQUEST_UNSUPPORTED_TYPE, RequesterProblems.REQUEST_NOT_HANDLED, RequesterProblems.REQUEST_NOTHING_HERE,
                "evidence.busy", "enrol.used", "enrol.expired"));
        Pattern coded = Pattern.compile("withCode\\(\"([a-z.-]+)\"\\)");
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher code = coded.matcher(Files.readString(source));
                while (code.find()) {
                    codes.add(code.group(1));
                }
            }
        }
        assertTrue(codes.size() > 30, "codes found: " + codes);
        for (String code : codes) {
            String japanese = RequesterProblems.text(code, "ENGLISH TEXT", Locale.JAPANESE);
            assertNotEquals("ENGLISH TEXT", japanese, code + " has no Japanese");
            Languages.assertJapanese(code, japanese);
            assertEquals("ENGLISH TEXT", RequesterProblems.text(code, "ENGLISH TEXT", Locale.ENGLISH), code + " in English");
        }
        Languages.assertJapanese("the unexpected failure", RequesterProblems.internal("ab12cd34", Locale.JAPANESE));
    }

    @Test
    void shouldSayThatAFormExpiredInTheRequestersLanguage() {
        Response form = given().accept("text/html").header("Accept-Language", "ja").get("/recover");
        Response refused = given().accept("text/html").header("Accept-Language", "ja").cookie(form.getDetailedCookie(CsrfToken.COOKIE))
                .contentType("application/x-www-form-urlencoded; charset=UTF-8").formParam("csrf-token", "not-the-token")
                .formParam("accountEmail", "someone@example.com").formParam("description", "lost my phone").post("/recover");
        refused.then().statusCode(400).body(containsString("フォームの有効期限が切れました")).body(containsString("再読み込み"));
        Languages.assertJapanese("an expired form on /recover", refused.asString());

        given().accept("text/html").header("Accept-Language", "en").cookie(form.getDetailedCookie(CsrfToken.COOKIE))
                .contentType("application/x-www-form-urlencoded").formParam("csrf-token", "not-the-token")
                .formParam("accountEmail", "someone@example.com").formParam("description", "lost my phone").post("/recover")
                .then().statusCode(400).body(containsString("This form has expired"));
    }
}
