package com.recoverydesk.review;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.recoverydesk.cases.CaseStatus;
import com.recoverydesk.cases.RecoveryCase;
import com.recoverydesk.support.Eventually;
import com.recoverydesk.support.StaffScreen;
import com.recoverydesk.support.TestCases;
import com.recoverydesk.support.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The queues' filters, closed cases kept out of them, and the escalation of a case past its SLA warning point. */
@QuarkusTest
class QueueAndEscalationTest {

    @Inject
    ReviewService review;

    @Test
    void shouldFilterTheQueueAndNeverShowClosedCases() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        String overdue = caseIdOf(TestCases.inReview(now.minusMinutes(5), "HIGH"));
        String later = caseIdOf(TestCases.inReview(now.plusHours(40), "LOW"));
        String withdrawn = caseIdOf(TestCases.inReview(now.plusHours(1), "MEDIUM"));
        QuarkusTransaction.requiringNew().run(() -> RecoveryCase.<RecoveryCase>findById(withdrawn).status = CaseStatus.WITHDRAWN);
        String agent = TestTokens.forRole("agent");

        List<String> all = given().auth().oauth2(agent).get("/api/v1/review/tasks").then().statusCode(200).extract().path("caseId");
        assertTrue(all.contains(overdue) && all.contains(later), "open cases are listed");
        assertFalse(all.contains(withdrawn), "a withdrawn case never shows");
        assertTrue(all.indexOf(overdue) < all.indexOf(later), "the one due first is on top");

        given().auth().oauth2(agent).queryParam("show", "overdue").get("/api/v1/review/tasks").then().statusCode(200)
                .body("caseId", hasItem(overdue)).body("caseId", not(hasItem(later)));
        given().auth().oauth2(agent).queryParam("risk", "LOW").get("/api/v1/review/tasks").then().statusCode(200)
                .body("caseId", hasItem(later)).body("caseId", not(hasItem(overdue)));
        given().auth().oauth2(agent).queryParam("show", "mine").get("/api/v1/review/tasks").then().statusCode(200)
                .body("caseId", not(hasItem(later)));
        given().auth().oauth2(agent).queryParam("show", "everything").get("/api/v1/review/tasks").then().statusCode(400);

        String page = StaffScreen.open("agent", "/agent").get("/agent?show=overdue");
        assertTrue(page.contains(ticketOf(overdue)) && !page.contains(ticketOf(later)), "the screen filters too");
        assertTrue(page.contains("overdue by"), "time overdue is shown");
    }

    @Inject
    com.recoverydesk.workers.ProcessOperationsService operations;

    @Test
    void shouldTakeACaseOutOfTheQueueWhenAnAdministratorCancelsItsInstance() {
        com.recoverydesk.support.ReviewFixtures.CaseInReview c = com.recoverydesk.support.ReviewFixtures.submitted();
        String agent = TestTokens.forRole("agent");
        given().auth().oauth2(agent).get("/api/v1/review/tasks").then().statusCode(200).body("caseId", hasItem(c.caseId()));
        long instance = QuarkusTransaction.requiringNew().call(() -> RecoveryCase.<RecoveryCase>findById(c.caseId()).processInstanceKey);

        operations.cancelInstance("admin1", instance, "Cancelled by the queue test");

        given().auth().oauth2(agent).get("/api/v1/review/tasks").then().statusCode(200).body("caseId", not(hasItem(c.caseId())));
    }

    @Test
    void shouldFlagTheCaseAndTellTheSupervisorsOnceWhenTheReviewIsEscalated() {
        String ticketRef = TestCases.inReview(OffsetDateTime.now(ZoneOffset.UTC).plusHours(8), "HIGH");
        String caseId = caseIdOf(ticketRef);

        assertTrue(QuarkusTransaction.requiringNew().call(() -> review.escalate(caseId, "REVIEW")));
        assertFalse(QuarkusTransaction.requiringNew().call(() -> review.escalate(caseId, "REVIEW")), "a second delivery of the job does nothing");

        given().auth().oauth2(TestTokens.forRole("agent")).queryParam("show", "at-risk").get("/api/v1/review/tasks").then().statusCode(200)
                .body("caseId", hasItem(caseId));
        for (String supervisor : List.of("supervisor1", "supervisor2")) {
            // the mail outbox delivers after the commit, on its own thread: wait for the first, then count
            Eventually.await(supervisor + " is told", () -> escalationMails(supervisor, ticketRef) > 0);
            assertEquals(1, escalationMails(supervisor, ticketRef), supervisor + " is told once");
        }
        String banner = StaffScreen.open("supervisor", "/supervisor").get("/supervisor");
        assertTrue(banner.contains("id=\"escalations\"") && banner.contains(ticketRef), "the supervisors' banner names the case");
        String queue = StaffScreen.open("agent", "/agent").get("/agent");
        assertTrue(queue.contains("escalated"), "the review queue flags it");
    }

    private static long escalationMails(String supervisor, String ticketRef) {
        List<String> subjects = given().queryParam("to", supervisor + "@recovery-desk.local").get("/api/v1/demo/mailbox")
                .then().statusCode(200).extract().path("subject");
        return subjects.stream().filter(s -> s.contains(ticketRef)).count();
    }

    private static String caseIdOf(String ticketRef) {
        return QuarkusTransaction.requiringNew().call(() -> RecoveryCase.<RecoveryCase>find("ticketRef", ticketRef).firstResult().id);
    }

    private static String ticketOf(String caseId) {
        return QuarkusTransaction.requiringNew().call(() -> RecoveryCase.<RecoveryCase>findById(caseId).ticketRef);
    }
}
