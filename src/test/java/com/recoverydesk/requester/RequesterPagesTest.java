package com.recoverydesk.requester;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.recoverydesk.cases.CaseAccess;
import com.recoverydesk.cases.RecoveryCase;
import com.recoverydesk.support.EvidenceSamples;
import com.recoverydesk.support.TestAccounts;
import com.recoverydesk.support.TestCases;
import com.recoverydesk.web.CsrfToken;
import com.recoverydesk.web.SessionCookie;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The requester's pages speak plainly, fit a phone, and say what to do next. */
@QuarkusTest
class RequesterPagesTest {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");
    private static final Pattern ISO_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}");

    @TestHTTPResource("/")
    URL root;

    @Inject
    CaseAccess caseAccess;

    @Test
    void shouldShowNoEnumNamesMimeTypesOrIsoTimesOnTheCasePage() {
        String caseToken = (String) TestAccounts.openCase(TestAccounts.create()).get("caseToken");
        given().auth().oauth2(caseToken).multiPart("kind", "ID_FRONT").multiPart("file", "front.png", EvidenceSamples.png(800, 500), "image/png")
                .post("/api/v1/my-case/evidence").then().statusCode(201);
        String page = casePage(caseToken).asString();
        String visible = page.replaceAll("<[^>]*>", " ");
        for (String internal : new String[]{"AWAITING_EVIDENCE", "ID_FRONT", "SELFIE_WITH_NOTE", "image/png", "application/pdf"}) {
            assertFalse(visible.contains(internal), "the page shows " + internal);
        }
        assertFalse(ISO_TIME.matcher(visible).find(), "a raw ISO timestamp");
        assertTrue(visible.contains("Image (PNG)") && visible.contains(" KB") && visible.contains("UTC"), visible);
        assertTrue(page.contains("action=\"/recover/case/sign-out\""), "a sign-out");
        assertTrue(page.contains("<ul class=\"files\">"), "files as a list that fits a phone");
    }

    @Test
    void shouldRefreshItselfWhileTheDeskWorksAndNotWhileWaitingForTheRequester() {
        String waiting = (String) TestAccounts.openCase(TestAccounts.create()).get("caseToken");
        casePage(waiting).then().body(not(containsString("http-equiv=\"refresh\"")));
        String ticketRef = TestCases.inReview(OffsetDateTime.now(ZoneOffset.UTC).plusHours(4), "LOW");
        String inReview = QuarkusTransaction.requiringNew().call(() ->
                caseAccess.issueToken(RecoveryCase.<RecoveryCase>find("ticketRef", ticketRef).firstResult(), Duration.ofHours(1)));
        casePage(inReview).then().body(containsString("http-equiv=\"refresh\"")).body(containsString("Being checked"));
    }

    @Test
    void shouldStopAskingForDocumentsAndOfferANewRequestOnceWithdrawn() {
        String caseToken = (String) TestAccounts.openCase(TestAccounts.create()).get("caseToken");
        given().auth().oauth2(caseToken).post("/api/v1/my-case/withdrawal").then().statusCode(202);
        casePage(caseToken).then()
                .body(not(containsString("What we need from you")))
                .body(not(containsString("Upload a document")))
                .body(containsString("href=\"/recover\">start a new request"));
    }

    @Test
    void shouldSignTheRequesterOutAndRevokeTheToken() {
        String caseToken = (String) TestAccounts.openCase(TestAccounts.create()).get("caseToken");
        Response page = casePage(caseToken);
        Matcher field = CSRF_FIELD.matcher(page.asString());
        assertTrue(field.find());
        Response signedOut = given().redirects().follow(false).cookie(SessionCookie.NAME, caseToken)
                .cookie(page.getDetailedCookie(CsrfToken.COOKIE)).contentType("application/x-www-form-urlencoded")
                .formParam("csrf-token", field.group(1)).post("/recover/case/sign-out");
        signedOut.then().statusCode(303).header("Location", containsString("/recover?signedOut=1"));
        assertEquals(0, signedOut.getDetailedCookie(SessionCookie.NAME).getMaxAge());
        given().auth().oauth2(caseToken).get("/api/v1/my-case").then().statusCode(401);
    }

    @Test
    void shouldLinkTheDemoMailboxAndMailALinkToTheAddressTheServiceListensOn() {
        String email = TestAccounts.create();
        Response form = given().accept("text/html").get("/recover");
        Matcher field = CSRF_FIELD.matcher(form.asString());
        assertTrue(field.find());
        given().accept("text/html").cookie(form.getDetailedCookie(CsrfToken.COOKIE)).contentType("application/x-www-form-urlencoded")
                .formParam("csrf-token", field.group(1)).formParam("accountEmail", email).formParam("description", "Lost my phone")
                .post("/recover")
                .then().statusCode(200).body(containsString("href=\"/demo/mailbox?to=" + email.replace("@", "%40") + "\""));
        String mail = TestAccounts.newestMailTextMatching(email, "/recover/confirm/", Duration.ofSeconds(10));
        assertTrue(mail.contains(root + "recover/confirm/"), mail);
    }

    private static Response casePage(String caseToken) {
        Response page = given().cookie(SessionCookie.NAME, caseToken).accept("text/html").get("/recover/case");
        page.then().statusCode(200);
        return page;
    }
}
