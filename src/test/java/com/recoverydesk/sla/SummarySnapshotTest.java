package com.recoverydesk.sla;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.recoverydesk.support.Eventually;
import com.recoverydesk.support.TestCases;
import com.recoverydesk.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The summary answers from a snapshot the scheduler refreshes (every second here), and says how old it is. */
@QuarkusTest
@TestProfile(SummarySnapshotTest.EverySecond.class)
class SummarySnapshotTest {

    public static class EverySecond implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("recovery.sla.summary-refresh", "1s");
        }
    }

    @Test
    void shouldShowAChangeAfterTheNextRefreshAndItsTime() {
        Map<String, Object> before = summary();
        OffsetDateTime asOfBefore = OffsetDateTime.parse((String) before.get("asOf"));
        TestCases.inReview(OffsetDateTime.now(ZoneOffset.UTC).plusHours(5), "LOW");

        Map<String, Object> after = Eventually.find("a refresh counting the new case", Eventually.DEFAULT, () -> {
            Map<String, Object> s = summary();
            return OffsetDateTime.parse((String) s.get("asOf")).isAfter(asOfBefore)
                    && inReview(s) > inReview(before) ? java.util.Optional.of(s) : java.util.Optional.empty();
        });
        assertEquals(inReview(before) + 1, inReview(after), "the new case, once");

        // the page names its snapshot's time: one of the refreshes after the change
        String page = given().auth().oauth2(TestTokens.forRole("manager")).accept("text/html").get("/manager")
                .then().statusCode(200).body(containsString(", refreshed every 1 s")).extract().asString();
        String shown = page.replaceAll("(?s).*Figures as of (\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d) UTC.*", "$1");
        OffsetDateTime pageAsOf = java.time.LocalDateTime.parse(shown, DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")).atOffset(ZoneOffset.UTC);
        assertFalse(pageAsOf.isBefore(OffsetDateTime.parse((String) after.get("asOf")).withNano(0)), shown);
    }

    @Test
    void shouldReadTheIntervalInTheSchedulersNotation() {
        assertEquals(Duration.ofSeconds(30), SummarySnapshot.interval("PT30S"));
        assertEquals(Duration.ofSeconds(30), SummarySnapshot.interval("30s"));
        assertEquals(Duration.ofMinutes(2), SummarySnapshot.interval("2m"));
        assertNull(SummarySnapshot.interval("off"), "every request computes");
        assertThrows(IllegalArgumentException.class, () -> SummarySnapshot.interval("0s"));
    }

    private static Map<String, Object> summary() {
        return given().auth().oauth2(TestTokens.forRole("manager")).get("/api/v1/sla/summary").then().statusCode(200).extract().as(Map.class);
    }

    @SuppressWarnings("unchecked")
    private static long inReview(Map<String, Object> summary) {
        Object value = ((Map<String, Object>) summary.get("backlogByStatus")).get("IN_REVIEW");
        return value == null ? 0 : ((Number) value).longValue();
    }
}
