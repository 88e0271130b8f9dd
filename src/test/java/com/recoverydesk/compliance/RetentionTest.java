package com.recoverydesk.compliance;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.recoverydesk.cases.CaseMessage;
import com.recoverydesk.cases.RecoveryCase;
import com.recoverydesk.engine.ControlledClock;
import com.recoverydesk.evidence.EvidenceFile;
import com.recoverydesk.support.Eventually;
import com.recoverydesk.support.EvidenceSamples;
import com.recoverydesk.support.ResetReportFixtures;
import com.recoverydesk.support.StaffScreen;
import com.recoverydesk.support.TestAccounts;
import com.recoverydesk.support.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Retention: the purge takes closed cases past {@code recovery.evidence.retention} (P90D), on the
 * test's clock; held cases wait until released; an admin erases on request. The cases of these
 * tests closed in an era of their own (the 1980s), so the purge reaches no other test's case.
 */
@QuarkusTest
class RetentionTest {

    private static final Instant ERA = Instant.parse("1981-01-01T00:00:00Z");

    @Inject
    RetentionService retention;

    @Test
    void shouldPurgeFilesAndPersonalFieldsAfterRetentionAndKeepTheChainValid() throws Exception {
        Instant closedAt = ResetReportFixtures.quietDay(ERA);
        WithdrawnCase withdrawn = withdrawnCaseWithEvidence(closedAt);
        Path object = objectPath(withdrawn.objectKey());
        assertTrue(Files.isRegularFile(object), "the uploaded file is in storage");
        ControlledClock clock = new ControlledClock(closedAt);

        clock.advance(Duration.ofDays(89));
        retention.purgeDue(clock.instant());
        assertTrue(Files.isRegularFile(object), "kept within the retention period");
        assertNull(caseRow(withdrawn.caseId()).personalDataPurgedAt);

        clock.advance(Duration.ofDays(2));
        retention.purgeDue(clock.instant());

        assertFalse(Files.exists(object), "the file left storage");
        RecoveryCase purged = caseRow(withdrawn.caseId());
        assertNotNull(purged.personalDataPurgedAt);
        assertEquals("RETENTION", purged.purgeReason);
        assertEquals("", purged.description);
        assertNull(purged.requestCountry);
        assertTrue(QuarkusTransaction.requiringNew().call(() -> CaseMessage.<CaseMessage>list("caseId", withdrawn.caseId()))
                .stream().allMatch(m -> m.body.isEmpty()), "the messages are cleared");
        EvidenceFile file = QuarkusTransaction.requiringNew().call(() -> EvidenceFile.<EvidenceFile>findById(withdrawn.evidenceId()));
        assertNotNull(file.purgedAt);
        assertNotNull(file.contentDeletedAt);
        assertEquals(withdrawn.sha256(), file.originalSha256, "the hash stays");

        List<Map<String, Object>> events = given().auth().oauth2(TestTokens.forRole("compliance")).queryParam("caseId", withdrawn.caseId())
                .queryParam("action", "retention.purged").get("/api/v1/audit/events").then().statusCode(200).extract().path("events");
        assertEquals(1, events.size(), events.toString());
        assertEquals("system", events.get(0).get("actor"));
        assertTrue(String.valueOf(events.get(0).get("details")).contains("\"sha256\":\"" + withdrawn.sha256() + "\""), events.toString());

        given().auth().oauth2(TestTokens.forRole("compliance")).get("/api/v1/audit/verification").then().statusCode(200)
                .body("valid", org.hamcrest.Matchers.is(true));

        // a second run finds nothing more to do for it
        retention.purgeDue(clock.instant());
        int purgeEvents = given().auth().oauth2(TestTokens.forRole("compliance")).queryParam("caseId", withdrawn.caseId())
                .queryParam("action", "retention.purged").get("/api/v1/audit/events").then().extract().path("events.size()");
        assertEquals(1, purgeEvents, "purged once");
    }

    @Test
    void shouldHoldAFrozenCaseUntilReleased() {
        Instant closedAt = ResetReportFixtures.quietDay(ERA);
        String caseId = ResetReportFixtures.closedFrozenCase(closedAt);
        Instant later = closedAt.plus(Duration.ofDays(120));

        retention.purgeDue(later);
        assertNull(caseRow(caseId).personalDataPurgedAt, "held: the freeze was never lifted");
        String compliance = TestTokens.forRole("compliance");
        given().auth().oauth2(compliance).get("/api/v1/compliance/cases/" + caseId + "/retention").then().statusCode(200)
                .body("held", org.hamcrest.Matchers.is(true)).body("holds[0].reason", org.hamcrest.Matchers.is("FROZEN"));
        retention.purgeDue(later.plus(Duration.ofDays(30)));
        assertNull(caseRow(caseId).personalDataPurgedAt, "still held on the next run");

        given().auth().oauth2(compliance).contentType("application/json").body(Map.of("note", "The objection was the customer's own mistake"))
                .post("/api/v1/compliance/cases/" + caseId + "/retention/holds/release").then().statusCode(200)
                .body("held", org.hamcrest.Matchers.is(false));
        retention.purgeDue(later.plus(Duration.ofDays(30)));
        assertEquals("RETENTION", caseRow(caseId).purgeReason, "purged once released");
    }

    @Test
    void shouldHoldADisputedCaseUntilReleased() {
        Instant closedAt = ResetReportFixtures.quietDay(ERA);
        String caseId = ResetReportFixtures.resetCase(closedAt, "LOW", null).caseId();
        String compliance = TestTokens.forRole("compliance");
        given().auth().oauth2(compliance).contentType("application/json").body(Map.of("note", "Complaint 4711 about this reset"))
                .post("/api/v1/compliance/cases/" + caseId + "/retention/holds").then().statusCode(201)
                .body("held", org.hamcrest.Matchers.is(true)).body("holds[0].reason", org.hamcrest.Matchers.is("DISPUTED"));
        given().auth().oauth2(compliance).contentType("application/json").body(Map.of("note", "again"))
                .post("/api/v1/compliance/cases/" + caseId + "/retention/holds").then().statusCode(409);

        retention.purgeDue(closedAt.plus(Duration.ofDays(91)));
        assertNull(caseRow(caseId).personalDataPurgedAt, "held as disputed");

        given().auth().oauth2(TestTokens.forRole("admin")).contentType("application/json").body(Map.of("note", "Complaint settled"))
                .post("/api/v1/compliance/cases/" + caseId + "/retention/holds/release").then().statusCode(200);
        retention.purgeDue(closedAt.plus(Duration.ofDays(91)));
        assertNotNull(caseRow(caseId).personalDataPurgedAt, "purged once released");
        given().auth().oauth2(compliance).contentType("application/json").body(Map.of("note", "too late"))
                .post("/api/v1/compliance/cases/" + caseId + "/retention/holds/release").then().statusCode(409);
    }

    @Test
    void shouldEraseAClosedCaseOnAnAdminsRequestAndAuditIt() throws Exception {
        WithdrawnCase withdrawn = withdrawnCaseWithEvidence(null);
        Path object = objectPath(withdrawn.objectKey());
        String admin = TestTokens.forRole("admin");
        given().auth().oauth2(admin).contentType("application/json").body(Map.of("reason", " "))
                .post("/api/v1/admin/cases/" + withdrawn.caseId() + "/erasure").then().statusCode(400);

        given().auth().oauth2(admin).contentType("application/json").body(Map.of("reason", "Erasure request DSR-2026-17"))
                .post("/api/v1/admin/cases/" + withdrawn.caseId() + "/erasure").then().statusCode(200)
                .body("purgeReason", org.hamcrest.Matchers.is("ERASURE"));

        assertFalse(Files.exists(object), "the file left storage");
        assertEquals("", caseRow(withdrawn.caseId()).description);
        List<Map<String, Object>> events = given().auth().oauth2(TestTokens.forRole("compliance")).queryParam("caseId", withdrawn.caseId())
                .queryParam("action", "retention.erased").get("/api/v1/audit/events").then().statusCode(200).extract().path("events");
        assertEquals(1, events.size());
        assertEquals("admin1", events.get(0).get("actor"));
        assertTrue(String.valueOf(events.get(0).get("details")).contains("DSR-2026-17"));

        given().auth().oauth2(admin).contentType("application/json").body(Map.of("reason", "again"))
                .post("/api/v1/admin/cases/" + withdrawn.caseId() + "/erasure").then().statusCode(409);
        given().auth().oauth2(admin).contentType("application/json").body(Map.of("reason", "x"))
                .post("/api/v1/admin/cases/no-such-case/erasure").then().statusCode(404);
    }

    @Test
    void shouldRefuseToEraseAnOpenOrHeldCase() {
        String open = com.recoverydesk.support.TestCases.inReview(java.time.OffsetDateTime.now(ZoneOffset.UTC).plusHours(4), "LOW");
        String openId = QuarkusTransaction.requiringNew().call(() -> RecoveryCase.<RecoveryCase>find("ticketRef", open).firstResult().id);
        String admin = TestTokens.forRole("admin");
        given().auth().oauth2(admin).contentType("application/json").body(Map.of("reason", "Request 1"))
                .post("/api/v1/admin/cases/" + openId + "/erasure").then().statusCode(409).body("detail", containsString("still open"));

        String frozen = ResetReportFixtures.closedFrozenCase(ResetReportFixtures.quietDay(ERA));
        given().auth().oauth2(admin).contentType("application/json").body(Map.of("reason", "Request 2"))
                .post("/api/v1/admin/cases/" + frozen + "/erasure").then().statusCode(409).body("detail", containsString("held"));
        assertNull(caseRow(frozen).personalDataPurgedAt);
    }

    /** Compliance handles disputes on the screen, as in the API; erasing stays the admin's. */
    @Test
    void shouldLetComplianceHoldAndReleaseACaseFromTheScreenButNotEraseIt() {
        String caseId = ResetReportFixtures.resetCase(ResetReportFixtures.quietDay(ERA), "LOW", null).caseId();
        StaffScreen compliance = StaffScreen.open("compliance", "/admin/cases/" + caseId);
        assertTrue(compliance.get("/compliance/cases/" + caseId).contains("href=\"/admin/cases/" + caseId + "\""), "the timeline links the case's retention");

        String page = compliance.get("/admin/cases/" + caseId);
        assertTrue(page.contains("id=\"hold-form\""), page);
        assertFalse(page.contains("id=\"erasure-form\""), "no erase form for compliance");
        compliance.post("/admin/cases/" + caseId + "/hold", Map.of("note", " ")).then().statusCode(400)
                .body(containsString("Say why the case is held"));
        compliance.post("/admin/cases/" + caseId + "/hold", Map.of("note", "Complaint 5120 about this reset")).then().statusCode(303);
        assertTrue(compliance.get("/admin/cases/" + caseId + "?done=held").contains("Complaint 5120 about this reset"));
        given().auth().oauth2(TestTokens.forRole("compliance")).get("/api/v1/compliance/cases/" + caseId + "/retention").then()
                .statusCode(200).body("held", org.hamcrest.Matchers.is(true)).body("holds[0].placedBy", org.hamcrest.Matchers.is("compliance1"));

        compliance.post("/admin/cases/" + caseId + "/erasure", Map.of("reason", "Request DSR-10", "confirm", "yes")).then().statusCode(403);
        compliance.post("/admin/cases/" + caseId + "/hold-release", Map.of("note", "Complaint 5120 settled")).then().statusCode(303);
        assertTrue(compliance.get("/admin/cases/" + caseId + "?done=released").contains("id=\"hold-form\""), "held no more");
        assertNull(caseRow(caseId).personalDataPurgedAt, "nothing erased");
    }

    @Test
    void shouldEraseFromTheAdminCaseScreen() {
        String caseId = ResetReportFixtures.resetCase(ResetReportFixtures.quietDay(ERA), "LOW", null).caseId();
        String ticketRef = caseRow(caseId).ticketRef;
        StaffScreen admin = StaffScreen.open("admin", "/admin/cases/" + caseId);
        given().cookie(admin.session()).accept("text/html").redirects().follow(false).queryParam("ticketRef", ticketRef.toLowerCase())
                .get("/admin/cases").then().statusCode(303).header("Location", containsString("/admin/cases/" + caseId));

        admin.post("/admin/cases/" + caseId + "/erasure", Map.of("reason", "Request DSR-9")).then().statusCode(400)
                .body(containsString("Tick the box"));
        admin.post("/admin/cases/" + caseId + "/erasure", Map.of("reason", "Request DSR-9", "confirm", "yes")).then().statusCode(303);

        String page = admin.get("/admin/cases/" + caseId + "?done=erased");
        assertTrue(page.contains("purged") && page.contains("ERASURE"), page);
        assertFalse(page.contains("id=\"erase\""), "no erase button on a purged case");
    }

    private record WithdrawnCase(String caseId, String evidenceId, String objectKey, String sha256) {}

    /** A case that went through intake, got one real upload and was withdrawn; its closing moved to {@code closedAt} if given. */
    private static WithdrawnCase withdrawnCaseWithEvidence(Instant closedAt) {
        Map<String, Object> opened = TestAccounts.openCase(TestAccounts.create());
        String caseToken = (String) opened.get("caseToken");
        Eventually.find("evidence requested", Eventually.DEFAULT, () -> {
            List<?> anyOf = given().auth().oauth2(caseToken).get("/api/v1/my-case").then().statusCode(200).extract().path("requiredEvidence");
            return anyOf == null || anyOf.isEmpty() ? Optional.empty() : Optional.of(true);
        });
        String evidenceId = given().auth().oauth2(caseToken).multiPart("kind", "ID_FRONT")
                .multiPart("file", "front.png", EvidenceSamples.png(640, 400), "image/png")
                .post("/api/v1/my-case/evidence").then().statusCode(201).extract().path("evidenceId");
        given().auth().oauth2(caseToken).post("/api/v1/my-case/withdrawal").then().statusCode(202);
        String ticketRef = (String) opened.get("ticketRef");
        return QuarkusTransaction.requiringNew().call(() -> {
            RecoveryCase c = RecoveryCase.find("ticketRef", ticketRef).firstResult();
            if (closedAt != null) {
                c.closedAt = closedAt.atOffset(ZoneOffset.UTC);
            }
            EvidenceFile file = EvidenceFile.findById(evidenceId);
            return new WithdrawnCase(c.id, evidenceId, file.objectKey, file.originalSha256);
        });
    }

    private static RecoveryCase caseRow(String caseId) {
        return QuarkusTransaction.requiringNew().call(() -> RecoveryCase.<RecoveryCase>findById(caseId));
    }

    private static Path objectPath(String objectKey) {
        return Path.of("target/evidence/objects", objectKey.substring(0, 2), objectKey);
    }
}
