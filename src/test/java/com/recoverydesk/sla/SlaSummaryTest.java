package com.recoverydesk.sla;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.recoverydesk.cases.CaseStatus;
import com.recoverydesk.cases.RecoveryCase;
import com.recoverydesk.cases.TicketReferences;
import com.recoverydesk.review.ReviewTask;
import com.recoverydesk.review.TaskQueue;
import com.recoverydesk.support.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The manager's summary counts what is open, waiting and past due. */
@QuarkusTest
class SlaSummaryTest {

    @Test
    void shouldCountABreachedReviewAndTheBacklog() {
        Map<String, Object> before = summary();
        caseInReview(OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(5));
        caseInReview(OffsetDateTime.now(ZoneOffset.UTC).plusHours(5));
        Map<String, Object> after = summary();

        assertEquals(count(before, "backlogByStatus", "IN_REVIEW") + 2, count(after, "backlogByStatus", "IN_REVIEW"));
        assertEquals(count(before, "openTasks", "REVIEW") + 2, count(after, "openTasks", "REVIEW"));
        assertEquals(count(before, "breachedTasks", "REVIEW") + 1, count(after, "breachedTasks", "REVIEW"));
        assertTrue(((Number) after.get("openedLast24h")).longValue() >= 2);

        given().auth().oauth2(TestTokens.forRole("manager")).accept("text/html").get("/manager")
                .then().statusCode(200).body(containsString("SLA dashboard")).body(containsString("past due"));
    }

    private static Map<String, Object> summary() {
        return given().auth().oauth2(TestTokens.forRole("manager")).get("/api/v1/sla/summary").then().statusCode(200).extract().as(Map.class);
    }

    @SuppressWarnings("unchecked")
    private static long count(Map<String, Object> summary, String group, String key) {
        Object value = ((Map<String, Object>) summary.get(group)).get(key);
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static void caseInReview(OffsetDateTime dueAt) {
        QuarkusTransaction.requiringNew().run(() -> {
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            RecoveryCase recoveryCase = new RecoveryCase();
            recoveryCase.id = UUID.randomUUID().toString();
            recoveryCase.ticketRef = TicketReferences.next();
            recoveryCase.accountRef = "ACC-SLA-" + recoveryCase.id.substring(0, 8);
            recoveryCase.status = CaseStatus.IN_REVIEW;
            recoveryCase.description = "Lost phone";
            recoveryCase.riskLevel = "LOW";
            recoveryCase.openedAt = now;
            recoveryCase.updatedAt = now;
            recoveryCase.persist();
            ReviewTask task = new ReviewTask();
            task.id = UUID.randomUUID().toString();
            task.caseId = recoveryCase.id;
            task.queue = TaskQueue.REVIEW;
            task.round = 0;
            task.dueAt = dueAt;
            task.createdAt = now;
            task.persist();
        });
    }
}
