package com.recoverydesk.requester;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.recoverydesk.cases.CaseAccess;
import com.recoverydesk.cases.RecoveryCase;
import com.recoverydesk.review.ReviewTask;
import com.recoverydesk.support.TestCases;
import com.recoverydesk.support.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** A case the requester withdraws leaves the agents' queue and the SLA figures at once. */
@QuarkusTest
class ClosedCaseTracesTest {

    @Inject
    CaseAccess caseAccess;

    @Test
    void shouldTakeAWithdrawnCaseOutOfTheReviewQueue() {
        String ticketRef = TestCases.inReview(OffsetDateTime.now(ZoneOffset.UTC).plusHours(4), "LOW");
        given().auth().oauth2(TestTokens.forRole("agent")).queryParam("queue", "review").get("/api/v1/review/tasks")
                .then().statusCode(200).body("ticketRef", hasItem(ticketRef));
        String caseToken = QuarkusTransaction.requiringNew().call(() ->
                caseAccess.issueToken(RecoveryCase.<RecoveryCase>find("ticketRef", ticketRef).firstResult(), Duration.ofHours(1)));

        given().auth().oauth2(caseToken).post("/api/v1/my-case/withdrawal").then().statusCode(202);

        given().auth().oauth2(TestTokens.forRole("agent")).queryParam("queue", "review").get("/api/v1/review/tasks")
                .then().statusCode(200).body("ticketRef", not(hasItem(ticketRef)));
        QuarkusTransaction.requiringNew().run(() -> {
            RecoveryCase withdrawn = RecoveryCase.find("ticketRef", ticketRef).firstResult();
            ReviewTask task = ReviewTask.find("caseId", withdrawn.id).firstResult();
            assertNotNull(task.completedAt, "the queue entry is completed, so the SLA figures no longer count it");
        });
    }
}
