package com.recoverydesk.sla;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.recoverydesk.support.TestCases;
import com.recoverydesk.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The manager's summary counts what is open, waiting and past due. */
@QuarkusTest
class SlaSummaryTest {

    @Inject
    SummarySnapshot snapshot;

    @Test
    void shouldCountABreachedReviewAndTheBacklog() {
        snapshot.refresh();
        Map<String, Object> before = summary();
        TestCases.inReview(OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(5), "LOW");
        TestCases.inReview(OffsetDateTime.now(ZoneOffset.UTC).plusHours(5), "LOW");
        Map<String, Object> held = summary();
        if (held.get("asOf").equals(before.get("asOf"))) { // unless the 30 s refresh came in between
            assertEquals(before, held, "the snapshot's figures until the next refresh");
        }
        snapshot.refresh();
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
}
