package com.recoverydesk.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** What every answer of the service carries: security headers, problem details, operations endpoints. */
@QuarkusTest
class ServiceBasicsTest {

    @Test
    void shouldSendAStrictContentSecurityPolicyAndSecurityHeadersOnScreens() {
        given().accept("text/html").get("/login").then().statusCode(200)
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", not(containsString("unsafe-inline")))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("X-Frame-Options", equalTo("DENY"))
                .header("X-Content-Type-Options", equalTo("nosniff"));
    }

    @Test
    void shouldAnswerUnknownApiPathsWithProblemDetails() {
        given().get("/api/v1/no-such-thing").then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("title", equalTo("Not Found"));
    }

    @Test
    void shouldShowAReadablePageForUnknownScreens() {
        given().accept("text/html").get("/no-such-page").then().statusCode(404)
                .contentType(containsString("text/html"))
                .body(containsString("There is nothing here."));
    }

    @Test
    void shouldOfferTheStartPageToAnonymousVisitors() {
        given().accept("text/html").get("/").then().statusCode(200)
                .body(containsString("href=\"/recover\""))
                .body(containsString("href=\"/login\""));
    }

    @Test
    void shouldExposeHealthMetricsAndOpenApi() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/metrics").then().statusCode(200).body(containsString("http_server_requests"))
                .body(containsString("recovery_outbox_pending_commands"))
                .body(containsString("recovery_process_deployed 1.0"));
        given().get("/q/swagger-ui/").then().statusCode(200);
        given().get("/q/openapi?format=json").then().statusCode(200).body(containsString("/api/v1/auth/token"));
    }
}
