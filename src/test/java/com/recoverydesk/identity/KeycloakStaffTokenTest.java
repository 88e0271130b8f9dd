package com.recoverydesk.identity;

import static io.restassured.RestAssured.given;

import com.recoverydesk.support.KeycloakProfile;
import com.recoverydesk.support.KeycloakServer;
import com.recoverydesk.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * Staff tokens issued by the staff realm of a real Keycloak, verified through the realm's JWKS and
 * issuer, roles from {@code realm_access.roles}; the built-in staff login keeps working beside them.
 */
@QuarkusTest
@TestProfile(KeycloakProfile.class)
class KeycloakStaffTokenTest {

    @Test
    void shouldLetAnAgentOfTheStaffRealmReadTheReviewQueue() {
        given().auth().oauth2(tokenOf(KeycloakServer.STAFF_REALM, "kc-agent"))
                .get("/api/v1/review/tasks?queue=review").then().statusCode(200);
    }

    @Test
    void shouldRefuseTheSameAgentSignedInAtAnotherRealm() {
        given().auth().oauth2(tokenOf(KeycloakServer.OTHER_REALM, "kc-agent"))
                .get("/api/v1/review/tasks?queue=review").then().statusCode(401);
    }

    @Test
    void shouldRefuseAStaffRealmUserWithoutTheAgentRole() {
        given().auth().oauth2(tokenOf(KeycloakServer.STAFF_REALM, "kc-visitor"))
                .get("/api/v1/review/tasks?queue=review").then().statusCode(403);
    }

    @Test
    void shouldRefuseARealmTokenThatWasGivenTheRoleAfterSigning() {
        String[] parts = tokenOf(KeycloakServer.STAFF_REALM, "kc-visitor").split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String forged = payload.replaceFirst("^\\{", "{\"realm_access\":{\"roles\":[\"agent\"]},");
        org.junit.jupiter.api.Assertions.assertNotEquals(payload, forged);
        String token = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(forged.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        given().auth().oauth2(token).get("/api/v1/review/tasks?queue=review").then().statusCode(401);
    }

    @Test
    void shouldKeepTheBuiltInStaffLoginBesideTheRealm() {
        given().auth().oauth2(TestTokens.forRole("agent")).get("/api/v1/review/tasks?queue=review").then().statusCode(200);
    }

    private static String tokenOf(String realm, String username) {
        return given().baseUri(KeycloakServer.get().issuer(realm)).contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "password").formParam("client_id", "recovery-desk-staff")
                .formParam("username", username).formParam("password", KeycloakServer.STAFF_PASSWORD)
                .post("/protocol/openid-connect/token").then().statusCode(200).extract().path("access_token");
    }
}
