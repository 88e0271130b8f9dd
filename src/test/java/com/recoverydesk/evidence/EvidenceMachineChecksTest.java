package com.recoverydesk.evidence;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.recoverydesk.cases.RecoveryCase;
import com.recoverydesk.support.EvidenceSamples;
import com.recoverydesk.support.TestAccounts;
import com.recoverydesk.support.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Issue 7 item 4: the machine checks beside each file, computed at upload on real images made
 * here (with and without EXIF, with an editor's name, the same image in two cases, a resized and
 * re-encoded copy). Every photo is new to the database (its seed is), so earlier runs and other
 * tests' uploads cannot match it.
 */
@QuarkusTest
class EvidenceMachineChecksTest {

    private static final DateTimeFormatter EXIF = DateTimeFormatter.ofPattern("yyyy:MM:dd HH:mm:ss");
    private static final AtomicLong SEEDS = new AtomicLong(System.nanoTime());

    @Inject
    EvidenceCheckService checkService;

    @Test
    void shouldFlagAPhotoTakenBeforeTheRequestExisted() {
        Case opened = openCase();
        String threeDaysAgo = EXIF.format(OffsetDateTime.now(ZoneOffset.UTC).minusDays(3));
        String withZone = opened.upload("SELFIE_WITH_NOTE", EvidenceSamples.withExif(freshJpeg(), threeDaysAgo, "+00:00", "iOS 17.1"));
        // without a time zone the camera's clock may be anywhere on Earth: three days is still before
        String withoutZone = opened.upload("ID_FRONT", EvidenceSamples.withExif(freshJpeg(), threeDaysAgo, null, null));

        Map<String, EvidenceCheckView> checks = opened.checksOf(withZone);
        assertEquals("FLAG", checks.get("CAPTURE_TIME").outcome(), checks.get("CAPTURE_TIME").reason());
        assertTrue(checks.get("CAPTURE_TIME").reason().contains("before the request was opened"), checks.get("CAPTURE_TIME").reason());
        assertEquals("FLAG", opened.checksOf(withoutZone).get("CAPTURE_TIME").outcome());
        // a phone's firmware is no editor
        assertEquals("PASS", checks.get("EDITING_SOFTWARE").outcome());
    }

    @Test
    void shouldPassAPhotoTakenAfterTheCaseOpened() {
        Case opened = openCase();
        String now = EXIF.format(OffsetDateTime.now(ZoneOffset.UTC));

        String evidenceId = opened.upload("SELFIE_WITH_NOTE", EvidenceSamples.withExif(freshJpeg(), now, "+00:00", null));

        Map<String, EvidenceCheckView> checks = opened.checksOf(evidenceId);
        assertEquals("PASS", checks.get("CAPTURE_TIME").outcome(), checks.get("CAPTURE_TIME").reason());
        assertEquals("PASS", checks.get("SAME_FILE_IN_OTHER_CASE").outcome());
        assertEquals("PASS", checks.get("SIMILAR_IMAGE_IN_OTHER_CASE").outcome());
        assertEquals("PASS", checks.get("DATA_AFTER_IMAGE").outcome());
        // a selfie is no document: no expiry note
        assertNull(checks.get("DOCUMENT_EXPIRY"));
    }

    @Test
    void shouldSayWhatIsNotKnownOfAPhotoWithoutMetadataAndThatExpiryIsNotChecked() {
        Case opened = openCase();

        String evidenceId = opened.upload("ID_FRONT", freshJpeg());

        Map<String, EvidenceCheckView> checks = opened.checksOf(evidenceId);
        assertEquals("INFO", checks.get("CAPTURE_TIME").outcome());
        assertTrue(checks.get("CAPTURE_TIME").reason().startsWith("No capture time"), checks.get("CAPTURE_TIME").reason());
        assertEquals("PASS", checks.get("EDITING_SOFTWARE").outcome());
        assertEquals("INFO", checks.get("DOCUMENT_EXPIRY").outcome());
        assertTrue(checks.get("DOCUMENT_EXPIRY").reason().contains("not checked"));
    }

    @Test
    void shouldFlagEditingSoftwareNamedInTheMetadata() {
        Case opened = openCase();

        String evidenceId = opened.upload("ID_FRONT", EvidenceSamples.withExif(freshJpeg(), null, null, "Adobe Photoshop 25.0 (Windows)"));

        EvidenceCheckView editing = opened.checksOf(evidenceId).get("EDITING_SOFTWARE");
        assertEquals("FLAG", editing.outcome());
        assertEquals("The metadata names editing software: Adobe Photoshop 25.0 (Windows).", editing.reason());
    }

    @Test
    void shouldFlagTheSameFileInAnotherCaseWithThatCasesTicketReference() {
        byte[] selfie = freshJpeg();
        Case first = openCase();
        String original = first.upload("SELFIE_WITH_NOTE", selfie);
        Case second = openCase();

        String reused = second.upload("SELFIE_WITH_NOTE", selfie);

        EvidenceCheckView same = second.checksOf(reused).get("SAME_FILE_IN_OTHER_CASE");
        assertEquals("FLAG", same.outcome());
        assertEquals(first.ticketRef, same.relatedTicketRef());
        assertTrue(same.reason().contains(first.ticketRef));
        // computed once, at upload: the first case's file was alone when it came
        assertEquals("PASS", first.checksOf(original).get("SAME_FILE_IN_OTHER_CASE").outcome());
        // the exact copy is named by the same-file check, not again as "similar"
        assertEquals("PASS", second.checksOf(reused).get("SIMILAR_IMAGE_IN_OTHER_CASE").outcome());
    }

    @Test
    void shouldFlagAResizedReEncodedCopyAsNearIdenticalButNotAnotherPhoto() {
        byte[] photo = freshJpeg();
        Case first = openCase();
        first.upload("SELFIE_WITH_NOTE", photo);
        Case second = openCase();

        String copy = second.upload("SELFIE_WITH_NOTE", EvidenceSamples.resizedJpeg(photo, 0.9));
        String other = second.upload("ID_FRONT", freshJpeg());

        EvidenceCheckView similar = second.checksOf(copy).get("SIMILAR_IMAGE_IN_OTHER_CASE");
        assertEquals("FLAG", similar.outcome(), similar.reason());
        assertEquals(first.ticketRef, similar.relatedTicketRef());
        assertEquals("PASS", second.checksOf(copy).get("SAME_FILE_IN_OTHER_CASE").outcome());
        assertEquals("PASS", second.checksOf(other).get("SIMILAR_IMAGE_IN_OTHER_CASE").outcome());
    }

    @Test
    void shouldShowTheChecksToStaffOnlyAndAuditTheUploadsOwnHash() throws Exception {
        Case opened = openCase();
        byte[] photo = EvidenceSamples.withExif(freshJpeg(), null, null, "GIMP 2.10");
        String evidenceId = opened.upload("ID_FRONT", photo);

        given().auth().oauth2(opened.token).get("/api/v1/my-case").then().statusCode(200)
                .body("evidence", hasSize(1))
                .body("evidence[0]", not(hasKey("checks")))
                .body("evidence[0].sha256", org.hamcrest.Matchers.equalTo(sha256(photo)));

        StaffEvidenceView staff = checkService.evidenceForStaff(opened.caseId).get(0);
        assertEquals(evidenceId, staff.evidenceId());
        assertEquals(sha256(photo), staff.originalSha256());
        assertTrue(staff.checks().stream().anyMatch(c -> c.code().equals("EDITING_SOFTWARE") && c.outcome().equals("FLAG")));

        List<String> details = given().auth().oauth2(TestTokens.forRole("compliance")).queryParam("caseId", opened.caseId)
                .get("/api/v1/audit/events").then().statusCode(200).extract().path("events.details");
        String uploaded = details.stream().filter(d -> d.contains(evidenceId)).findFirst().orElseThrow();
        assertTrue(uploaded.contains("\"sha256\":\"" + sha256(photo) + "\""), uploaded);
        assertTrue(uploaded.contains("\"storedSha256\":\"" + staff.sha256() + "\""), uploaded);
        assertTrue(uploaded.contains("EDITING_SOFTWARE"), uploaded);
    }

    private static byte[] freshJpeg() {
        return EvidenceSamples.jpeg(EvidenceSamples.photo(SEEDS.incrementAndGet(), 480, 360));
    }

    private Case openCase() {
        // uploads need a case waiting for documents, which it is from its opening on
        String token = (String) TestAccounts.openCase(TestAccounts.create()).get("caseToken");
        String ticketRef = given().auth().oauth2(token).get("/api/v1/my-case").then().extract().path("ticketRef");
        String caseId = QuarkusTransaction.requiringNew().call(() ->
                RecoveryCase.<RecoveryCase>find("ticketRef", ticketRef).firstResult().id);
        return new Case(token, ticketRef, caseId);
    }

    private final class Case {
        final String token;
        final String ticketRef;
        final String caseId;

        Case(String token, String ticketRef, String caseId) {
            this.token = token;
            this.ticketRef = ticketRef;
            this.caseId = caseId;
        }

        String upload(String kind, byte[] content) {
            return given().auth().oauth2(token).multiPart("kind", kind)
                    .multiPart("file", "photo.jpg", content, "image/jpeg")
                    .post("/api/v1/my-case/evidence").then().statusCode(201).extract().path("evidenceId");
        }

        Map<String, EvidenceCheckView> checksOf(String evidenceId) {
            return checkService.checksForCase(caseId).get(evidenceId).stream()
                    .collect(Collectors.toMap(EvidenceCheckView::code, c -> c));
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
