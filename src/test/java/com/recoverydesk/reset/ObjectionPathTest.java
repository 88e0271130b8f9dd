package com.recoverydesk.reset;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.recoverydesk.accounts.AccountSecurity;
import com.recoverydesk.accounts.AccountDirectory;
import com.recoverydesk.accounts.CustomerAccount;
import com.recoverydesk.support.ResetFixtures;
import com.recoverydesk.support.TestAccounts;
import com.recoverydesk.support.TestCases;
import com.recoverydesk.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * "This was not me": the objection link freezes the case before the reset (HIGH risk, whose
 * cooling-off the test configuration leaves at a minute), a supervisor reopens it with a note; and
 * an objection after the reset tells what to do instead.
 */
@QuarkusTest
class ObjectionPathTest {

    @Inject
    AccountDirectory directory;

    @Test
    void shouldFreezeTheCaseOnObjectionAndResetNothing() {
        ResetFixtures.Customer customer = ResetFixtures.customer(CustomerAccount.BalanceTier.LARGE);
        TestCases.ApprovedCase approved = TestCases.approvedCase(customer.email());
        String link = ResetFixtures.path(ResetFixtures.objectionLink(customer.secondAddress(), Duration.ofSeconds(20)));

        // COOLING_OFF with T, for the requester
        ResetFixtures.awaitStatus(approved.caseToken(), "COOLING_OFF", Duration.ofSeconds(10));
        given().auth().oauth2(approved.caseToken()).get("/api/v1/my-case").then().body("reset.resetAt", notNullValue())
                .body("reset.resetDone", equalTo(false));
        given().auth().oauth2(approved.caseToken()).accept("text/html").get("/recover/case").then().statusCode(200)
                .body(containsString("id=\"reset-at\""));

        // opening the link (as a mail scanner would, twice) changes nothing
        given().accept("text/html").get(link).then().statusCode(200).body(containsString("Stop the reset"));
        given().accept("text/html").get(link).then().statusCode(200).body(containsString("This was not me"));
        assertEquals(0, ResetFixtures.count(ResetFixtures.story(approved.caseId()), "account-holder reset.objected"));
        assertEquals("COOLING_OFF", ResetFixtures.status(approved.caseToken()));

        Response objected = ResetFixtures.postForm(link, Map.of());
        assertEquals(303, objected.statusCode());
        given().accept("text/html").get(objected.getHeader("Location")).then().statusCode(200).body(containsString("The reset is stopped"));

        ResetFixtures.awaitStatus(approved.caseToken(), "FROZEN", Duration.ofSeconds(20));
        TestAccounts.newestMailTextMatching("supervisors@recovery-desk.local", approved.ticketRef(), Duration.ofSeconds(5));
        TestAccounts.newestMailTextMatching("compliance@recovery-desk.local", approved.ticketRef(), Duration.ofSeconds(5));
        AccountSecurity security = directory.securityOf(customer.accountRef());
        assertTrue(security.flagged());
        assertEquals(1, security.authenticators(), "no reset was done");
        assertEquals(2, security.activeSessions());
        assertTrue(security.withdrawalsLockedUntil().isEmpty());
        assertEquals(200, ResetFixtures.demoSignIn(customer.email(), customer.oldSecret(), Instant.now()), "the owner still signs in");

        // the used link says so, and a second press changes nothing
        Response again = ResetFixtures.postForm(link, Map.of());
        assertEquals(200, again.statusCode());
        assertTrue(again.asString().contains("already used"), again.asString());

        // the frozen case is on the supervisors' list with the account's state; the requester sees FROZEN
        given().auth().oauth2(TestTokens.forRole("supervisor")).get("/api/v1/frozen-cases").then().statusCode(200)
                .body("find { it.caseId == '" + approved.caseId() + "' }.account.authenticators", equalTo(1));
        given().auth().oauth2(approved.caseToken()).get("/api/v1/my-case").then().body("status", equalTo("FROZEN"));

        // reopening needs a note; with one, the reset is announced again to every address
        given().auth().oauth2(TestTokens.forRole("supervisor")).contentType("application/json").body(Map.of("note", "short"))
                .post("/api/v1/frozen-cases/" + approved.caseId() + "/reopening").then().statusCode(400);
        given().auth().oauth2(TestTokens.forRole("supervisor")).contentType("application/json")
                .body(Map.of("note", "Called the customer on the number on file: the objection was a mistake."))
                .post("/api/v1/frozen-cases/" + approved.caseId() + "/reopening").then().statusCode(200);
        given().auth().oauth2(TestTokens.forRole("supervisor")).contentType("application/json")
                .body(Map.of("note", "Called the customer on the number on file: the objection was a mistake."))
                .post("/api/v1/frozen-cases/" + approved.caseId() + "/reopening").then().statusCode(409);
        ResetFixtures.awaitStatus(approved.caseToken(), "COOLING_OFF", Duration.ofSeconds(20));
        String newLink = ResetFixtures.path(ResetFixtures.objectionLink(customer.email(), Duration.ofSeconds(10)));
        assertTrue(!newLink.equals(link), "a new round has a new link");
        given().accept("text/html").get(link).then().statusCode(200).body(containsString("already used"));

        List<String> story = ResetFixtures.story(approved.caseId());
        ResetProcessTest.assertInOrder(story, "system reset.announced", "account-holder reset.objected", "system case.frozen",
                "supervisor1 case.reopened", "system reset.announced");
        assertEquals(1, ResetFixtures.count(story, "account-holder reset.objected"));
        assertEquals(0, ResetFixtures.count(story, "system account.2fa-reset"));
    }

    @Test
    void shouldTellWhatToDoInsteadWhenTheObjectionComesAfterTheReset() {
        ResetFixtures.Customer customer = ResetFixtures.customer(CustomerAccount.BalanceTier.STANDARD);
        TestCases.ApprovedCase approved = TestCases.approvedCase(customer.email());
        String link = ResetFixtures.path(ResetFixtures.objectionLink(customer.email(), Duration.ofSeconds(20)));
        ResetFixtures.awaitStatus(approved.caseToken(), "RECOVERED", Duration.ofSeconds(30));

        given().accept("text/html").get(link).then().statusCode(410).body(containsString("The reset already happened"))
                .body(containsString("contact the support desk"));
        Response late = ResetFixtures.postForm(link, Map.of());
        assertEquals(410, late.statusCode());
        assertTrue(late.asString().contains("The reset already happened"), late.asString());
        assertEquals(0, ResetFixtures.count(ResetFixtures.story(approved.caseId()), "account-holder reset.objected"));
        assertEquals("RECOVERED", ResetFixtures.status(approved.caseToken()));
    }

    @Test
    void shouldAnswerAnUnknownOrDamagedLinkWithAClearPage() {
        given().accept("text/html").get("/objection/" + "x".repeat(43)).then().statusCode(404).body(containsString("This link does not work"));
        given().accept("text/html").get("/objection/short").then().statusCode(404).body(containsString("Nothing was changed"));
        given().accept("text/html").get("/enrol/" + "y".repeat(43)).then().statusCode(404).body(containsString("This link does not work"));
    }
}
