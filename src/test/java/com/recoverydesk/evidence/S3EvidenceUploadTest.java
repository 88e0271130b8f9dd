package com.recoverydesk.evidence;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.recoverydesk.support.Eventually;
import com.recoverydesk.support.EvidenceSamples;
import com.recoverydesk.support.ExternalServersProfile;
import com.recoverydesk.support.S3TestServer;
import com.recoverydesk.support.SmtpTestServer;
import com.recoverydesk.support.TestAccounts;
import com.recoverydesk.support.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * With {@code recovery.evidence.storage=s3} the requester's upload lands in the bucket encrypted (the
 * object is not the file, read through the S3 API), staff read it back through the service, and the
 * SHA-256 recorded at upload still guards what is shown.
 */
@QuarkusTest
@TestProfile(ExternalServersProfile.class)
class S3EvidenceUploadTest {

    @Test
    void shouldKeepTheUploadEncryptedInTheBucketAndServeItBackChecked() {
        String email = TestAccounts.create();
        String caseToken = openCase(email);
        byte[] document = EvidenceSamples.pdfWith("/Lang (Passport X1234567 Jane Example)");
        byte[] other = EvidenceSamples.pdf();

        String evidenceId = upload(caseToken, "ID_FRONT", document);
        String otherId = upload(caseToken, "ID_BACK", other);

        EvidenceFile file = QuarkusTransaction.requiringNew().call(() -> EvidenceFile.<EvidenceFile>findById(evidenceId));
        EvidenceFile otherFile = QuarkusTransaction.requiringNew().call(() -> EvidenceFile.<EvidenceFile>findById(otherId));
        try (S3Client s3 = S3TestServer.client()) {
            String key = "evidence/" + file.objectKey.substring(0, 2) + "/" + file.objectKey;
            byte[] raw = s3.getObjectAsBytes(b -> b.bucket(ExternalServersProfile.BUCKET).key(key)).asByteArray();
            String rawText = new String(raw, StandardCharsets.ISO_8859_1);
            assertEquals("RDEV", rawText.substring(0, 4), "the evidence format, encrypted");
            assertFalse(rawText.contains("%PDF"), "not the file");
            assertFalse(rawText.contains("Passport X1234567"), "no plaintext in the bucket");

            byte[] served = given().auth().oauth2(TestTokens.forRole("agent"))
                    .get("/api/v1/cases/{caseId}/evidence/{evidenceId}/content", file.caseId, evidenceId)
                    .then().statusCode(200).contentType("application/pdf").extract().asByteArray();
            assertArrayEquals(document, served);

            // another file's object in its place decrypts well, but is not what was uploaded: refused
            byte[] otherRaw = s3.getObjectAsBytes(b -> b.bucket(ExternalServersProfile.BUCKET)
                    .key("evidence/" + otherFile.objectKey.substring(0, 2) + "/" + otherFile.objectKey)).asByteArray();
            s3.putObject(b -> b.bucket(ExternalServersProfile.BUCKET).key(key), RequestBody.fromBytes(otherRaw));
            given().auth().oauth2(TestTokens.forRole("agent"))
                    .get("/api/v1/cases/{caseId}/evidence/{evidenceId}/content", file.caseId, evidenceId)
                    .then().statusCode(409);
        }
    }

    private static String openCase(String email) {
        TestAccounts.fileRequest(email);
        String code = SmtpTestServer.mailedCode(email);
        String caseToken = given().contentType("application/json").body(Map.of("accountEmail", email, "code", code))
                .post("/api/v1/recovery-requests/confirmations").then().statusCode(201).extract().path("caseToken");
        Eventually.await("evidence requested", () -> !given().auth().oauth2(caseToken).get("/api/v1/my-case").then().extract()
                .<List<?>>path("requiredEvidence").isEmpty());
        return caseToken;
    }

    private static String upload(String caseToken, String kind, byte[] content) {
        return given().auth().oauth2(caseToken).multiPart("kind", kind).multiPart("file", "f", content, "application/octet-stream")
                .post("/api/v1/my-case/evidence").then().statusCode(201).extract().path("evidenceId");
    }
}
