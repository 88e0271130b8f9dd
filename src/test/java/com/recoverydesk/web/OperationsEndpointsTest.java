package com.recoverydesk.web;

import static io.restassured.RestAssured.given;

import com.recoverydesk.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * As in production (the operations policy of the %prod profile): metrics, health detail and the
 * API description are for admins only; liveness stays open for probes.
 */
@QuarkusTest
@TestProfile(OperationsEndpointsTest.ProductionOperations.class)
class OperationsEndpointsTest {

    public static class ProductionOperations implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("recovery.operations.policy", "operations-admin");
        }
    }

    @Test
    void shouldRefuseMetricsHealthDetailAndOpenApiToAnonymousCallers() {
        given().get("/q/metrics").then().statusCode(401);
        given().get("/q/health").then().statusCode(401);
        given().get("/q/health/ready").then().statusCode(401);
        given().get("/q/openapi").then().statusCode(401);
        given().auth().oauth2(TestTokens.forRole("agent")).get("/q/metrics").then().statusCode(403);
    }

    @Test
    void shouldServeThemToAnAdminAndLivenessToAnyone() {
        given().auth().oauth2(TestTokens.forRole("admin")).get("/q/metrics").then().statusCode(200);
        given().auth().oauth2(TestTokens.forRole("admin")).get("/q/openapi").then().statusCode(200);
        given().get("/q/health/live").then().statusCode(200);
    }
}
