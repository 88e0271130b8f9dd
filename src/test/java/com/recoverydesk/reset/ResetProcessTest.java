package com.recoverydesk.reset;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.recoverydesk.accounts.AccountSession;
import com.recoverydesk.accounts.CustomerAccount;
import com.recoverydesk.accounts.DirectoryAccount;
import com.recoverydesk.identity.Totp;
import com.recoverydesk.support.EvidenceSamples;
import com.recoverydesk.support.ResetFixtures;
import com.recoverydesk.support.TestAccounts;
import com.recoverydesk.support.TestCases;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The reset end to end on the embedded engine, with the cooling-off shortened to seconds by the
 * test configuration: approval → announcement → cooling-off → reset → re-enrolment → sign-in.
 */
@QuarkusTest
class ResetProcessTest {

    private static final Pattern SECRET = Pattern.compile("<code id=\"secret\" class=\"mono\">([A-Z2-7 ]+)</code>");
    private static final Pattern BACKUP_CODE = Pattern.compile("<li>([A-Z2-9]{5}-[A-Z2-9]{5})</li>");

    @Inject
    ResetStatusService status;

    @Test
    void shouldResetAfterTheCoolingOffAndLetOnlyTheNewAuthenticatorSignIn() {
        ResetFixtures.Customer customer = ResetFixtures.customer(CustomerAccount.BalanceTier.STANDARD);
        assertEquals(200, ResetFixtures.demoSignIn(customer.email(), customer.oldSecret(), Instant.now()), "the old phone worked before");
        TestCases.ApprovedCase approved = TestCases.approvedCase(customer.email());

        // the announcement goes to every registered address, with T and the objection link
        String announcement = TestAccounts.newestMailTextMatching(customer.email(), "This was not you", Duration.ofSeconds(20));
        assertTrue(announcement.contains(approved.ticketRef()), announcement);
        TestAccounts.newestMailTextMatching(customer.secondAddress(), "This was not you", Duration.ofSeconds(5));

        ResetFixtures.awaitStatus(approved.caseToken(), "RECOVERED", Duration.ofSeconds(30));
        String enrolmentLink = ResetFixtures.path(ResetFixtures.enrolmentLink(customer.email(), Duration.ofSeconds(10)));
        String notice = TestAccounts.newestMailTextMatching(customer.secondAddress(), "was reset", Duration.ofSeconds(5));
        assertFalse(notice.contains("/enrol/"), "the link goes to the main address only");

        // the account: no authenticator, no backup code, sessions revoked, withdrawals locked for about a day
        AccountSecurityView account = status.accountSecurity(approved.caseId()).orElseThrow();
        assertEquals("ACTIVE", account.status());
        assertEquals(0, account.authenticators());
        assertNotNull(account.sessionsRevokedAt());
        Duration lock = Duration.between(Instant.now(), account.withdrawalLockedUntil());
        assertTrue(lock.compareTo(Duration.ofHours(23)) > 0 && lock.compareTo(Duration.ofHours(25)) < 0, lock.toString());
        assertEquals(0, openSessions(customer.accountRef()));
        assertEquals(401, ResetFixtures.demoSignIn(customer.email(), customer.oldSecret(), Instant.now()), "the lost phone no longer signs in");

        // the requester sees RECOVERED and the lock, and can change nothing any more
        given().auth().oauth2(approved.caseToken()).get("/api/v1/my-case").then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("RECOVERED"))
                .body("reset.resetDone", org.hamcrest.Matchers.equalTo(true))
                .body("reset.withdrawalsLockedUntil", org.hamcrest.Matchers.notNullValue());
        given().auth().oauth2(approved.caseToken()).multiPart("kind", "ID_FRONT").multiPart("file", "f", EvidenceSamples.png(640, 400), "image/png")
                .post("/api/v1/my-case/evidence").then().statusCode(403);

        // re-enrolment: the page shows the secret (and the same one on a second visit), a current code confirms it
        String page = given().accept("text/html").get(enrolmentLink).then().statusCode(200).header("Cache-Control", containsString("no-store"))
                .extract().asString();
        String secret = secretOn(page);
        assertEquals(secret, secretOn(given().accept("text/html").get(enrolmentLink).then().statusCode(200).extract().asString()));
        assertEquals(400, ResetFixtures.postForm(enrolmentLink, Map.of("code", "000000")).statusCode(), "a wrong code is refused");
        Instant enrolledAt = Instant.now();
        Response enrolled = ResetFixtures.postForm(enrolmentLink, Map.of("code", Totp.codeAt(secret, enrolledAt)));
        assertEquals(200, enrolled.statusCode(), enrolled.asString());
        List<String> backupCodes = backupCodesOn(enrolled.asString());
        assertEquals(10, backupCodes.size());
        assertEquals(10, backupCodes.stream().distinct().count());
        assertTrue(enrolled.asString().contains("export"), "the advice to keep an export of the authenticator");

        // the link works once: used again it says so and changes nothing
        Response again = ResetFixtures.postForm(enrolmentLink, Map.of("code", Totp.codeAt(secret, Instant.now())));
        assertEquals(410, again.statusCode());
        assertTrue(again.asString().contains("already used"), again.asString());
        assertEquals(1, status.accountSecurity(approved.caseId()).orElseThrow().authenticators());

        // signing in: the confirmed code cannot be replayed, the old secret fails, the next code of the new one works
        assertEquals(401, ResetFixtures.demoSignIn(customer.email(), secret, enrolledAt), "a used code is not accepted twice");
        assertEquals(401, ResetFixtures.demoSignIn(customer.email(), customer.oldSecret(), Instant.now()));
        given().contentType("application/json")
                .body(Map.of("email", customer.email(), "password", ResetFixtures.PASSWORD, "totp", Totp.codeAt(secret, enrolledAt.plusSeconds(30))))
                .post("/api/v1/demo/account-sign-in").then().statusCode(200)
                .body("signedIn", org.hamcrest.Matchers.equalTo(true))
                .body("withdrawalsLockedUntil", org.hamcrest.Matchers.notNullValue());

        // the story, actor by actor
        List<String> story = ResetFixtures.story(approved.caseId());
        assertInOrder(story, "requester case.opened", "system case.risk-assessed", "system reset.announced", "system account.2fa-reset",
                "system reset.enrolment-link-sent", "system case.closed", "requester account.re-enrolled");
        assertEquals(1, ResetFixtures.count(story, "system account.2fa-reset"));
    }

    @Test
    void shouldRejectAnAccountClosedWhileItsCaseRanThroughAccountNotEligible() {
        // dave's account, closed from the start, is refused when his case opens (IntakeTest); an account
        // closed while its case runs is refused by the reset itself
        ResetFixtures.Customer customer = ResetFixtures.customer(CustomerAccount.BalanceTier.STANDARD);
        TestCases.ApprovedCase approved = TestCases.approvedCase(customer.email(), () -> QuarkusTransaction.requiringNew().run(() ->
                DirectoryAccount.<DirectoryAccount>find("accountRef", customer.accountRef()).firstResult().status = DirectoryAccount.Status.CLOSED));

        ResetFixtures.awaitStatus(approved.caseToken(), "REJECTED", Duration.ofSeconds(30));
        String mail = TestAccounts.newestMailTextMatching(customer.email(), "could not approve", Duration.ofSeconds(10));
        assertTrue(mail.contains("closed"), mail);
        List<String> story = ResetFixtures.story(approved.caseId());
        assertInOrder(story, "system reset.announced", "system reset.refused", "system case.rejection-notified", "system case.closed");
        assertEquals(0, ResetFixtures.count(story, "system account.2fa-reset"));
        assertEquals("CLOSED", status.accountSecurity(approved.caseId()).orElseThrow().status());
        assertEquals(1, status.accountSecurity(approved.caseId()).orElseThrow().authenticators(), "nothing was removed");
    }

    static void assertInOrder(List<String> story, String... expected) {
        int from = 0;
        for (String line : expected) {
            int at = story.subList(from, story.size()).indexOf(line);
            assertTrue(at >= 0, "'" + line + "' after position " + from + " in " + story);
            from += at + 1;
        }
    }

    private static String secretOn(String page) {
        Matcher matcher = SECRET.matcher(page);
        assertTrue(matcher.find(), page);
        return matcher.group(1).replace(" ", "");
    }

    private static List<String> backupCodesOn(String page) {
        return BACKUP_CODE.matcher(page).results().map(m -> m.group(1)).toList();
    }

    private static long openSessions(String accountRef) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Long accountId = DirectoryAccount.<DirectoryAccount>find("accountRef", accountRef).firstResult().id;
            return AccountSession.count("accountId = ?1 and revokedAt is null", accountId);
        });
    }
}
