package com.recoverydesk.requester;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.recoverydesk.accounts.CustomerAccount;
import com.recoverydesk.cases.RecoveryCase;
import com.recoverydesk.identity.Totp;
import com.recoverydesk.reset.ResetAnnouncement;
import com.recoverydesk.reset.ResetLink;
import com.recoverydesk.reset.ResetLinks;
import com.recoverydesk.support.EvidenceSamples;
import com.recoverydesk.support.Eventually;
import com.recoverydesk.support.Languages;
import com.recoverydesk.support.ResetFixtures;
import com.recoverydesk.support.TestAccounts;
import com.recoverydesk.support.TestCases;
import com.recoverydesk.web.RequesterLanguage;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every page and mail the requester meets, walked in English and in Japanese: from the start page
 * through intake, the case page, the reset's links and the demo sign-in. Each must read in the
 * language chosen, with nothing left in the other (the switch's own name aside).
 */
@QuarkusTest
class RequesterJourneyInTwoLanguagesTest {

    private static final Pattern CONFIRM_LINK = Pattern.compile("/recover/confirm/[A-Za-z0-9_-]+");
    private static final Pattern OBJECTION_LINK = Pattern.compile("/objection/[A-Za-z0-9_-]+");
    private static final Pattern ENROLMENT_LINK = Pattern.compile("/enrol/[A-Za-z0-9_-]+");
    private static final Pattern SECRET = Pattern.compile("<code id=\"secret\" class=\"mono\">([A-Z2-7 ]+)</code>");

    @Inject
    ResetLinks links;

    /** A browser: its cookies (CSRF, session, the language switch), and forms posted with the CSRF token. */
    private static final class Browser {
        private final Map<String, String> cookies = new HashMap<>();
        private final String language;

        Browser(String language) {
            this.language = language;
            // the switch on the first page, as a visitor would press it
            Response switched = request().get("/recover?lang=" + language);
            assertEquals(200, switched.statusCode());
            keep(switched);
            assertEquals(language, cookies.get(RequesterLanguage.COOKIE));
        }

        RequestSpecification request() {
            // the browser itself asks for the other language: the switch's cookie must win
            return given().redirects().follow(false).accept("text/html").header("Accept-Language", language.equals("ja") ? "en" : "ja")
                    .cookies(cookies);
        }

        Response get(String path) {
            return keep(request().get(path));
        }

        Response post(String path, Map<String, String> form) {
            RequestSpecification post = request().contentType("application/x-www-form-urlencoded").formParam("csrf-token", cookies.get("rd_csrf"));
            form.forEach(post::formParam);
            return keep(post.post(path));
        }

        Response upload(String kind, byte[] content) {
            return keep(request().multiPart("csrf-token", cookies.get("rd_csrf")).multiPart("kind", kind)
                    .multiPart("file", "photo.png", content, "image/png").post("/recover/case/evidence"));
        }

        private Response keep(Response response) {
            response.getDetailedCookies().asList().forEach(c -> {
                if (c.getMaxAge() == 0) {
                    cookies.remove(c.getName());
                } else {
                    cookies.put(c.getName(), c.getValue());
                }
            });
            return response;
        }

        /** Asserts the page's status and that it reads in the browser's language. */
        String page(String where, Response response, int status) {
            assertEquals(status, response.statusCode(), where + ": " + response.asString());
            Languages.assertReadsIn(language, where, response.asString());
            return response.asString();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "ja"})
    void shouldShowTheIntakeAndTheCasePagesAndMailsInTheChosenLanguage(String language) {
        Browser browser = new Browser(language);
        String email = TestAccounts.create();
        browser.page("start page", browser.get("/"), 200);
        browser.page("request form", browser.get("/recover"), 200);
        browser.page("request form refused", browser.post("/recover", Map.of("accountEmail", email, "description", " ")), 400);
        browser.page("code page", browser.post("/recover", Map.of("accountEmail", email, "description", "I lost my phone.")), 200);
        browser.page("wrong code", browser.post("/recover/code", Map.of("accountEmail", email, "code", "000000")), 400);

        Map<String, Object> codeMail = newestMail(email, "/recover/confirm/");
        assertMailReadsIn(language, "access-code mail", codeMail);
        String confirm = find(CONFIRM_LINK, (String) codeMail.get("text"));
        browser.page("confirmation link", browser.get(confirm), 200);
        browser.page("confirmation link not valid", browser.get("/recover/confirm/" + "n".repeat(43)), 200);
        Response opened = browser.post(confirm, Map.of());
        assertEquals(303, opened.statusCode());

        browser.page("case page", browser.get("/recover/case"), 200);
        assertMailReadsIn(language, "evidence request mail", newestMail(email, "/recover/case"));
        assertEquals(303, browser.upload("ID_FRONT", EvidenceSamples.png(640, 400)).statusCode());
        browser.page("case page after an upload", browser.get("/recover/case?notice=uploaded"), 200);
        browser.page("upload refused", browser.upload("ID_FRONT", EvidenceSamples.html()), 415);
        browser.page("submission refused", browser.post("/recover/case/submission", Map.of()), 400);
        assertEquals(303, browser.post("/recover/case/withdrawal", Map.of()).statusCode());
        browser.page("withdrawn case", browser.get("/recover/case?notice=withdrawn"), 200);
        assertEquals(303, browser.post("/recover/case/sign-out", Map.of()).statusCode());
        browser.page("signed out", browser.get("/recover?signedOut=1"), 200);
        browser.page("session ended", browser.get("/recover?sessionEnded=1"), 200);
        browser.page("no such page", browser.get("/recover/no-such-page"), 404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "ja"})
    void shouldShowTheResetsLinksAndMailsInTheLanguageOfTheRequest(String language) {
        Browser browser = new Browser(language);
        ResetFixtures.Customer customer = ResetFixtures.customer(CustomerAccount.BalanceTier.STANDARD);
        TestCases.ApprovedCase approved = TestCases.approvedCase(customer.email(), language, () -> { });

        Map<String, Object> announcement = newestMail(customer.email(), "/objection/");
        assertMailReadsIn(language, "announcement", announcement);
        assertMailReadsIn(language, "announcement to the second address", newestMail(customer.secondAddress(), "/objection/"));
        String objection = find(OBJECTION_LINK, (String) announcement.get("text"));
        browser.page("objection page before the reset", browser.get(objection), 200);

        Map<String, Object> resetComplete = newestMail(customer.email(), "/enrol/");
        assertMailReadsIn(language, "reset-complete mail", resetComplete);
        assertMailReadsIn(language, "reset notice to the second address", newestMail(customer.secondAddress(),
                m -> !((String) m.get("text")).contains("/objection/")));
        String enrol = find(ENROLMENT_LINK, (String) resetComplete.get("text"));
        String enrolPage = browser.page("enrolment page", browser.get(enrol), 200);
        String secret = find(SECRET, enrolPage, 1).replace(" ", "");
        browser.page("enrolment code refused", browser.post(enrol, Map.of("code", "000000")), 400);
        Instant now = Instant.now();
        browser.page("enrolled", browser.post(enrol, Map.of("code", Totp.codeAt(secret, now))), 200);
        browser.page("enrolment link used", browser.get(enrol), 410);
        browser.page("objection after the reset", browser.get(objection), 410);

        browser.cookies.put("rd_session", approved.caseToken());
        browser.page("case page after the reset", browser.get("/recover/case"), 200);

        browser.page("demo sign-in", browser.get("/demo/sign-in"), 200);
        browser.page("demo sign-in refused", browser.post("/demo/sign-in",
                Map.of("email", customer.email(), "password", ResetFixtures.PASSWORD, "totp", Totp.codeAt(customer.oldSecret(), now))), 401);
        browser.page("demo signed in", browser.post("/demo/sign-in",
                Map.of("email", customer.email(), "password", ResetFixtures.PASSWORD, "totp", Totp.codeAt(secret, now.plusSeconds(30)))), 200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "ja"})
    void shouldShowLinksThatNoLongerWorkInTheChosenLanguage(String language) {
        Browser browser = new Browser(language);
        browser.page("unknown objection link", browser.get("/objection/" + "x".repeat(43)), 404);
        browser.page("unknown enrolment link", browser.get("/enrol/" + "y".repeat(43)), 404);
        String caseId = storedCase();
        OffsetDateTime past = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1);
        browser.page("expired objection link", browser.get("/objection/" + issue(caseId, ResetLink.Purpose.OBJECTION, past)), 410);
        browser.page("expired enrolment link", browser.get("/enrol/" + issue(caseId, ResetLink.Purpose.ENROLMENT, past)), 410);
    }

    private static void assertMailReadsIn(String language, String what, Map<String, Object> mail) {
        Languages.assertReadsIn(language, what + " (subject)", (String) mail.get("subject"));
        Languages.assertReadsIn(language, what + " (text)", (String) mail.get("text"));
        Languages.assertReadsIn(language, what + " (HTML)", (String) mail.get("html"));
    }

    /** The newest mail to the address whose text contains the phrase, waiting for it. */
    private static Map<String, Object> newestMail(String to, String phrase) {
        return newestMail(to, m -> ((String) m.get("text")).contains(phrase));
    }

    private static Map<String, Object> newestMail(String to, Predicate<Map<String, Object>> which) {
        return Eventually.find("a mail to " + to, Duration.ofSeconds(30), () -> {
            List<Map<String, Object>> mails = given().queryParam("to", to).get("/api/v1/demo/mailbox").then().statusCode(200).extract().path("");
            return mails.stream().filter(which).findFirst();
        });
    }

    private static String find(Pattern pattern, String text) {
        return find(pattern, text, 0);
    }

    private static String find(Pattern pattern, String text, int group) {
        Matcher matcher = pattern.matcher(text);
        assertTrue(matcher.find(), "no " + pattern + " in " + text);
        return matcher.group(group);
    }

    private static String storedCase() {
        String ticketRef = TestCases.inReview(OffsetDateTime.now(ZoneOffset.UTC).plusHours(4), "LOW");
        return QuarkusTransaction.requiringNew().call(() -> RecoveryCase.<RecoveryCase>find("ticketRef", ticketRef).firstResult().id);
    }

    private String issue(String caseId, ResetLink.Purpose purpose, OffsetDateTime expiresAt) {
        return QuarkusTransaction.requiringNew().call(() -> {
            if (purpose == ResetLink.Purpose.OBJECTION && ResetAnnouncement.find("caseId", caseId).firstResultOptional().isEmpty()) {
                ResetAnnouncement announcement = new ResetAnnouncement();
                announcement.caseId = caseId;
                announcement.round = 0;
                announcement.accountRef = "ACC-NONE";
                announcement.announcedAt = expiresAt.minusHours(24);
                announcement.resetAt = expiresAt;
                announcement.addresses = 1;
                announcement.persist();
            }
            return links.issue(caseId, purpose, 0, expiresAt).token();
        });
    }
}
