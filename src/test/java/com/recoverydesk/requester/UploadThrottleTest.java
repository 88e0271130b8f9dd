package com.recoverydesk.requester;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.notNullValue;

import com.recoverydesk.support.EvidenceSamples;
import com.recoverydesk.support.TestAccounts;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** A case cannot flood the storage and the audit trail with uploads. */
@QuarkusTest
class UploadThrottleTest {

    @Test
    void shouldRefuseTheUploadsOfACaseOverItsHourlyAllowance() {
        String caseToken = (String) TestAccounts.openCase(TestAccounts.create()).get("caseToken");
        byte[] photo = EvidenceSamples.png(800, 500);
        for (int i = 0; i < 30; i++) {
            given().auth().oauth2(caseToken).multiPart("kind", "ID_FRONT").multiPart("file", "front.png", photo, "image/png")
                    .post("/api/v1/my-case/evidence").then().statusCode(201);
        }
        given().auth().oauth2(caseToken).multiPart("kind", "ID_FRONT").multiPart("file", "front.png", photo, "image/png")
                .post("/api/v1/my-case/evidence")
                .then().statusCode(429).contentType("application/problem+json").header("Retry-After", notNullValue());
    }
}
