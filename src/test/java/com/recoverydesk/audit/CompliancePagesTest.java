package com.recoverydesk.audit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import com.recoverydesk.support.StaffScreen;
import com.recoverydesk.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The compliance officer's screen: search the trail, verify the chain. */
@QuarkusTest
class CompliancePagesTest {

    @jakarta.inject.Inject
    AuditTrail trail;

    @Test
    void shouldFindASignInAndVerifyTheChain() {
        TestTokens.signIn("manager1");
        StaffScreen compliance = StaffScreen.open("compliance", "/compliance");

        given().cookie(compliance.session()).accept("text/html").queryParam("actor", "manager1").get("/compliance")
                .then().statusCode(200)
                .body(containsString("staff.signed-in"))
                .body(not(containsString("evidence.uploaded")));

        compliance.post("/compliance/verification", Map.of()).then().statusCode(200)
                .body(containsString("The chain is intact"));
    }

    @Test
    void shouldExplainABadDateInsteadOfFailing() {
        StaffScreen compliance = StaffScreen.open("compliance", "/compliance");
        given().cookie(compliance.session()).accept("text/html").queryParam("from", "26/11/2026").get("/compliance")
                .then().statusCode(200).body(containsString("Dates are days like 2026-11-26."));
        given().cookie(compliance.session()).accept("text/html").queryParam("from", "2026-11-27").queryParam("to", "2026-11-26")
                .get("/compliance").then().statusCode(200).body(containsString("must not be after"));
    }

    @Test
    void shouldSignACheckpointFromTheScreen() {
        StaffScreen compliance = StaffScreen.open("compliance", "/compliance");
        compliance.post("/compliance/checkpoints", Map.of()).then().statusCode(200)
                .body(containsString("signed over entry"))
                .body(containsString("Latest checkpoint: no."));
    }

    @Test
    void shouldShowACasesTimelineOldestFirst() {
        String caseId = "case-" + java.util.UUID.randomUUID();
        trail.record(Actor.requester(), "case.opened", caseId, Map.of());
        trail.record(Actor.system(), "case.risk-assessed", caseId, Map.of("risk", "LOW"));
        trail.record(Actor.staff("agent1", "agent"), "case.claimed", "another-case", Map.of());
        StaffScreen compliance = StaffScreen.open("compliance", "/compliance");
        String page = compliance.get("/compliance/cases/" + caseId);
        org.junit.jupiter.api.Assertions.assertTrue(page.indexOf("case.opened") < page.indexOf("case.risk-assessed"), page);
        org.junit.jupiter.api.Assertions.assertTrue(page.indexOf("case.opened") > 0, page);
        org.junit.jupiter.api.Assertions.assertFalse(page.contains("case.claimed"), page);
    }
}
