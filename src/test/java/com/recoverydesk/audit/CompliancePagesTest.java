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
}
