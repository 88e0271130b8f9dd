package com.recoverydesk.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.recoverydesk.support.TestTokens;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

@QuarkusTest
class StaffSignInTest {

    @Test
    void shouldIssueATokenCarryingTheRoleForEveryDemoStaffMember() {
        TestTokens.USER_FOR_ROLE.forEach((role, username) -> {
            Map<String, Object> answer = given().contentType("application/json")
                    .body(Map.of("username", username, "password", "recovery-demo"))
                    .post("/api/v1/auth/token")
                    .then().statusCode(200).body("expiresIn", equalTo(1800)).body("tokenType", equalTo("Bearer"))
                    .extract().as(Map.class);
            JsonPath claims = claims((String) answer.get("accessToken"));
            assertEquals(List.of(role), claims.getList("groups"), username);
            assertEquals(username, claims.getString("upn"));
            assertEquals(TestTokens.issuer(), claims.getString("iss"));
            assertEquals(1800, claims.getLong("exp") - claims.getLong("iat"));
        });
    }

    @Test
    void shouldAnswerAWrongPasswordAndAnUnknownNameAlike() {
        String wrongPassword = given().contentType("application/json")
                .body(Map.of("username", "agent2", "password", "not-the-password"))
                .post("/api/v1/auth/token")
                .then().statusCode(401).contentType("application/problem+json")
                .extract().path("detail");
        String unknownName = given().contentType("application/json")
                .body(Map.of("username", "nobody-" + System.nanoTime(), "password", "recovery-demo"))
                .post("/api/v1/auth/token")
                .then().statusCode(401).contentType("application/problem+json")
                .extract().path("detail");
        assertEquals(wrongPassword, unknownName);
    }

    @Test
    void shouldRefuseAnIncompleteRequestNamingTheFields() {
        given().contentType("application/json").body("{\"username\":\"agent1\"}")
                .post("/api/v1/auth/token")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("password"));
        given().contentType("application/json").body("{not json")
                .post("/api/v1/auth/token")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void shouldLockANameAfterRepeatedFailuresEvenForTheRightPassword() {
        String username = "throttled" + System.nanoTime() % 100000;
        createStaff(username, "right-password", null);
        for (int i = 0; i < 5; i++) {
            given().contentType("application/json").body(Map.of("username", username, "password", "wrong"))
                    .post("/api/v1/auth/token").then().statusCode(401);
        }
        given().contentType("application/json").body(Map.of("username", username, "password", "right-password"))
                .post("/api/v1/auth/token")
                .then().statusCode(429).contentType("application/problem+json")
                .header("Retry-After", notNullValue());
    }

    @Test
    void shouldRequireTheCurrentTotpCodeOnceAnAuthenticatorIsEnrolled() {
        String username = "totp" + System.nanoTime() % 100000;
        String secret = Totp.newSecret();
        createStaff(username, "right-password", secret);

        given().contentType("application/json").body(Map.of("username", username, "password", "right-password"))
                .post("/api/v1/auth/token").then().statusCode(401);
        given().contentType("application/json")
                .body(Map.of("username", username, "password", "right-password", "totp", Totp.codeAt(secret, Instant.now().minusSeconds(600))))
                .post("/api/v1/auth/token").then().statusCode(401);
        given().contentType("application/json")
                .body(Map.of("username", username, "password", "right-password", "totp", Totp.codeAt(secret, Instant.now())))
                .post("/api/v1/auth/token").then().statusCode(200).body("accessToken", notNullValue());
    }

    @Test
    void shouldRecordSignInsFailuresAndSignOutsInTheAuditTrail() {
        String username = "audited" + System.nanoTime() % 100000;
        createStaff(username, "right-password", null);
        given().contentType("application/json").body(Map.of("username", username, "password", "wrong"))
                .post("/api/v1/auth/token").then().statusCode(401);
        String token = given().contentType("application/json").body(Map.of("username", username, "password", "right-password"))
                .post("/api/v1/auth/token").then().statusCode(200).extract().path("accessToken");
        given().auth().oauth2(token).contentType("application/json").post("/api/v1/auth/logout").then().statusCode(204);

        List<String> actions = given().auth().oauth2(TestTokens.forRole("compliance")).queryParam("actor", username)
                .get("/api/v1/audit/events")
                .then().statusCode(200).extract().path("events.action");
        assertEquals(List.of("staff.sign-in-failed", "staff.signed-in", "staff.signed-out"), actions);
        given().auth().oauth2(TestTokens.forRole("compliance")).get("/api/v1/audit/verification")
                .then().statusCode(200).body("valid", equalTo(true));
    }

    @Test
    void shouldCreateTheBootstrapAdministratorFromConfiguration() {
        // application.properties (%test) names 'bootstrap-admin' with the bcrypt hash of this password
        String token = given().contentType("application/json")
                .body(Map.of("username", "bootstrap-admin", "password", "bootstrap-secret"))
                .post("/api/v1/auth/token").then().statusCode(200).extract().path("accessToken");
        assertEquals(List.of("admin"), claims(token).getList("groups"));
    }

    @Test
    void shouldRefuseATokenAfterSignOut() {
        String token = TestTokens.signIn("manager1");
        given().auth().oauth2(token).get("/account/security").then().statusCode(200);
        given().auth().oauth2(token).contentType("application/json").post("/api/v1/auth/logout").then().statusCode(204);
        given().auth().oauth2(token).get("/account/security").then().statusCode(401);
    }

    static void createStaff(String username, String password, String totpSecret) {
        QuarkusTransaction.requiringNew().run(() -> {
            StaffAccount staff = new StaffAccount();
            staff.username = username;
            staff.displayName = username;
            staff.passwordHash = BcryptUtil.bcryptHash(password);
            staff.totpSecret = totpSecret;
            staff.roles = new TreeSet<>(Set.of("agent"));
            staff.createdAt = OffsetDateTime.now();
            staff.persist();
        });
    }

    private static JsonPath claims(String token) {
        return new JsonPath(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
    }
}
