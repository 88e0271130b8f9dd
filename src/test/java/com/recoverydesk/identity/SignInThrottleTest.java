package com.recoverydesk.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;

import com.recoverydesk.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Wrong passwords lock a name at one address, not everywhere; guessing from many addresses raises an alert. */
@QuarkusTest
class SignInThrottleTest {

    @Test
    void shouldLetTheRealUserSignInFromTheirAddressWhileAnotherAddressIsLocked() {
        String username = "lockout" + System.nanoTime() % 100000;
        StaffSignInTest.createStaff(username, "right-password", null);
        for (int i = 0; i < 5; i++) {
            signIn(username, "wrong", "203.0.113.7").then().statusCode(401);
        }
        signIn(username, "right-password", "203.0.113.7").then().statusCode(429);
        signIn(username, "right-password", "198.51.100.20").then().statusCode(200);
    }

    @Test
    void shouldAlertWhenOneNameFailsFromManyAddresses() {
        String username = "guessed" + System.nanoTime() % 100000;
        StaffSignInTest.createStaff(username, "right-password", null);
        for (int i = 0; i < 20; i++) {
            signIn(username, "wrong", "192.0.2." + (i + 1)).then().statusCode(401);
        }
        given().auth().oauth2(TestTokens.forRole("compliance")).queryParam("actor", username).get("/api/v1/audit/events")
                .then().statusCode(200).body("events.action", hasItem("staff.sign-in-guessing-suspected"));
    }

    @Test
    void shouldMakeTheShippedProxyOverwriteTheForwardedForHeader() throws Exception {
        String nginx = Files.readString(Path.of("docker/nginx.conf"));
        org.junit.jupiter.api.Assertions.assertTrue(nginx.contains("proxy_set_header X-Forwarded-For $remote_addr;"), "overwrites");
        org.junit.jupiter.api.Assertions.assertFalse(nginx.contains("$proxy_add_x_forwarded_for"), "never appends the client's value");
        String compose = Files.readString(Path.of("docker/compose.yaml"));
        org.junit.jupiter.api.Assertions.assertTrue(compose.contains("QUARKUS_HTTP_PROXY_TRUSTED_PROXIES"), "the app trusts only the proxy");
    }

    private static io.restassured.response.Response signIn(String username, String password, String clientAddress) {
        return given().contentType("application/json").header("X-Forwarded-For", clientAddress)
                .body(Map.of("username", username, "password", password)).post("/api/v1/auth/token");
    }
}
