package com.recoverydesk.process;

import static io.restassured.RestAssured.given;

import com.recoverydesk.support.Eventually;
import com.recoverydesk.support.TestAccounts;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The evidence wait's timers, shortened: the requester is reminded once, and a case whose
 * documents never come expires.
 */
@QuarkusTest
@TestProfile(EvidenceTimersTest.ShortEvidenceTimers.class)
class EvidenceTimersTest {

    public static class ShortEvidenceTimers implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("recovery.sla.evidence-reminder-after", "PT2S", "recovery.sla.evidence-timeout", "PT6S");
        }
    }

    @Test
    void shouldRemindOnceAndThenExpireTheCase() {
        String email = TestAccounts.create();
        String caseToken = (String) TestAccounts.openCase(email).get("caseToken");

        String reminder = TestAccounts.newestMailTextMatching(email, "still waiting for documents", Duration.ofSeconds(20));
        if (!reminder.contains("ID document, front")) {
            throw new AssertionError("the reminder lists what is missing: " + reminder);
        }
        TestAccounts.newestMailTextMatching(email, "did not arrive in time", Duration.ofSeconds(20));
        Eventually.await("the case expired", () -> "EXPIRED".equals(
                given().auth().oauth2(caseToken).get("/api/v1/my-case").then().extract().path("status")));
        given().auth().oauth2(caseToken).get("/api/v1/my-case").then()
                .body("canUpload", org.hamcrest.Matchers.equalTo(false))
                .body("canWithdraw", org.hamcrest.Matchers.equalTo(false));
        List<String> subjects = given().queryParam("to", email).get("/api/v1/demo/mailbox").then().extract().path("subject");
        long reminders = subjects.stream().filter(s -> s.startsWith("Reminder")).count();
        if (reminders != 1) {
            throw new AssertionError("one reminder expected: " + subjects);
        }
    }
}
