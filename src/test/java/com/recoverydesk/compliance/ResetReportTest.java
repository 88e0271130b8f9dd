package com.recoverydesk.compliance;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.recoverydesk.accounts.CustomerAccount;
import com.recoverydesk.evidence.EvidenceFile;
import com.recoverydesk.reset.AccountReset;
import com.recoverydesk.support.ResetFixtures;
import com.recoverydesk.support.ResetReportFixtures;
import com.recoverydesk.support.TestCases;
import io.quarkus.narayana.jta.QuarkusTransaction;
import com.recoverydesk.support.ResetReportFixtures.ResetCase;
import com.recoverydesk.support.StaffScreen;
import com.recoverydesk.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The reset report lists exactly the resets, objections and freezes of its period. */
@QuarkusTest
class ResetReportTest {

    @Test
    void shouldListExactlyTheResetsObjectionsAndFreezesOfItsPeriod() {
        Instant from = ResetReportFixtures.quietDay();
        Instant to = from.plus(Duration.ofDays(7));
        ResetCase atStart = ResetReportFixtures.resetCase(from, "LOW", null);
        ResetCase objectedFirst = ResetReportFixtures.resetCase(from.plus(Duration.ofDays(2)), "HIGH", from.plus(Duration.ofDays(1)));
        ResetCase justBeforeEnd = ResetReportFixtures.resetCase(to.minusNanos(1000), "MEDIUM", null);
        ResetReportFixtures.resetCase(to, "LOW", null);                       // the end is excluded
        ResetReportFixtures.resetCase(from.minusNanos(1000), "LOW", null);    // and so is anything before the start
        ResetReportFixtures.resetCase(to.plus(Duration.ofDays(2)), "LOW", to.plus(Duration.ofDays(1))); // its objection lies after the period

        JsonPath report = given().auth().oauth2(TestTokens.forRole("compliance")).accept("application/json")
                .queryParam("from", from.toString()).queryParam("to", to.toString())
                .get("/api/v1/compliance/resets").then().statusCode(200).extract().jsonPath();

        assertEquals(List.of(atStart.ticketRef(), objectedFirst.ticketRef(), justBeforeEnd.ticketRef()), report.getList("resets.ticketRef"));
        Map<String, Object> first = report.getMap("resets[0]");
        assertEquals(atStart.caseId(), first.get("caseId"));
        assertEquals(AccountPseudonym.of(atStart.accountRef()), first.get("accountPseudonym"));
        assertNotEquals(atStart.accountRef(), first.get("accountPseudonym"));
        assertTrue(!report.prettify().contains(atStart.accountRef()), "the report names the account only by its pseudonym");
        assertEquals("LOW", first.get("riskLevel"));
        assertEquals("agent1", first.get("reviewer"));
        assertEquals("supervisor1", first.get("approver"));
        assertEquals(List.of("ID_FRONT:" + atStart.idFrontSha256(), "SELFIE_WITH_NOTE:" + atStart.selfieSha256()), first.get("evidenceSha256"));
        assertEquals(Duration.ofDays(2).toSeconds(), ((Number) first.get("filingToResetSeconds")).longValue());
        assertEquals(Duration.ofHours(24).toSeconds(), ((Number) first.get("coolingOffSeconds")).longValue());
        assertEquals(0, first.get("objections"));
        assertEquals(1, report.getInt("resets[1].objections"));
        assertEquals(1, report.getInt("resets[1].freezes"));

        assertEquals(List.of(objectedFirst.ticketRef()), report.getList("objections.ticketRef"));
        assertEquals(from.plus(Duration.ofDays(1)), Instant.parse(report.getString("objections[0].objectedAt")));
        assertEquals(List.of(objectedFirst.ticketRef()), report.getList("freezes.ticketRef"));
        assertEquals("supervisor2", report.getString("freezes[0].reopenedBy"));
    }

    @Test
    void shouldReportAResetTheProcessDidWithItsReviewerApproverAndEvidence() {
        ResetFixtures.Customer customer = ResetFixtures.customer(CustomerAccount.BalanceTier.LOW);
        TestCases.ApprovedCase approved = TestCases.approvedCase(customer.email());
        ResetFixtures.awaitStatus(approved.caseToken(), "RECOVERED", Duration.ofSeconds(120));
        Instant resetAt = QuarkusTransaction.requiringNew().call(() -> AccountReset.<AccountReset>findById(approved.caseId()).resetAt.toInstant());
        List<String> uploaded = QuarkusTransaction.requiringNew().call(() -> EvidenceFile.<EvidenceFile>list(
                "caseId = ?1 and submittedInRound is not null order by submittedInRound, uploadedAt, id", approved.caseId()))
                .stream().map(f -> f.kind.name() + ":" + f.originalSha256).toList();

        JsonPath report = given().auth().oauth2(TestTokens.forRole("compliance"))
                .queryParam("from", resetAt.toString()).queryParam("to", resetAt.plusNanos(1000).toString())
                .get("/api/v1/compliance/resets").then().statusCode(200).extract().jsonPath();

        assertEquals(List.of(approved.ticketRef()), report.getList("resets.ticketRef"));
        assertEquals(AccountPseudonym.of(customer.accountRef()), report.getString("resets[0].accountPseudonym"));
        assertEquals("agent1", report.getString("resets[0].reviewer"));
        assertEquals("supervisor1", report.getString("resets[0].approver"));
        assertEquals(uploaded, report.getList("resets[0].evidenceSha256"));
        assertTrue(!uploaded.isEmpty());
        // the test profile's cooling-off: PT3S, PT60S for HIGH risk
        assertEquals("HIGH".equals(report.getString("resets[0].riskLevel")) ? 60L : 3L, report.getLong("resets[0].coolingOffSeconds"));
        assertTrue(report.getLong("resets[0].filingToResetSeconds") >= 3);
    }

    @Test
    void shouldAnswerCsvForAcceptTextCsv() {
        Instant from = ResetReportFixtures.quietDay();
        ResetCase reset = ResetReportFixtures.resetCase(from.plus(Duration.ofHours(5)), "HIGH", from.plus(Duration.ofHours(1)));

        String csv = given().auth().oauth2(TestTokens.forRole("compliance")).accept("text/csv")
                .queryParam("from", from.toString()).queryParam("to", from.plus(Duration.ofDays(1)).toString())
                .get("/api/v1/compliance/resets").then().statusCode(200)
                .contentType(startsWith("text/csv")).extract().asString();

        List<String> lines = List.of(csv.split("\r\n"));
        assertEquals(ResetReportCsv.HEADER, lines.get(0));
        assertEquals(4, lines.size(), csv);
        assertTrue(lines.get(1).startsWith("reset," + reset.ticketRef() + "," + reset.caseId() + "," + AccountPseudonym.of(reset.accountRef())
                + ",HIGH,agent1,supervisor1,ID_FRONT:" + reset.idFrontSha256() + " SELFIE_WITH_NOTE:" + reset.selfieSha256() + ","), lines.get(1));
        assertTrue(lines.get(2).startsWith("objection," + reset.ticketRef() + ","), lines.get(2));
        assertTrue(lines.get(3).startsWith("freeze," + reset.ticketRef() + ","), lines.get(3));
        assertEquals(ResetReportCsv.HEADER.split(",").length, lines.get(1).split(",", -1).length);
    }

    @Test
    void shouldRecordThatTheReportWasRead() {
        Instant from = ResetReportFixtures.quietDay();
        Instant to = from.plus(Duration.ofDays(1));
        ResetReportFixtures.resetCase(from.plus(Duration.ofHours(2)), "LOW", null);
        given().auth().oauth2(TestTokens.forRole("compliance")).queryParam("from", from.toString()).queryParam("to", to.toString())
                .get("/api/v1/compliance/resets").then().statusCode(200);

        List<Map<String, Object>> events = given().auth().oauth2(TestTokens.forRole("compliance"))
                .queryParam("action", "compliance.reset-report").queryParam("actor", "compliance1").queryParam("limit", "500")
                .get("/api/v1/audit/events").then().statusCode(200).extract().path("events");
        assertTrue(events.stream().map(e -> JsonPath.from(String.valueOf(e.get("details")))).anyMatch(d -> from.toString().equals(d.getString("from"))
                && to.toString().equals(d.getString("to")) && "json".equals(d.getString("format")) && d.getInt("resets") == 1
                && d.getInt("objections") == 0 && d.getInt("freezes") == 0), events.toString());
    }

    @Test
    void shouldRefuseAPeriodThatIsMissingOrBackwards() {
        String token = TestTokens.forRole("compliance");
        given().auth().oauth2(token).get("/api/v1/compliance/resets").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("'from' is required"));
        given().auth().oauth2(token).queryParam("from", "2026-11-02T00:00:00Z").queryParam("to", "2026-11-01T00:00:00Z")
                .get("/api/v1/compliance/resets").then().statusCode(400).body("detail", containsString("before"));
        given().auth().oauth2(token).queryParam("from", "yesterday").queryParam("to", "2026-11-01T00:00:00Z")
                .get("/api/v1/compliance/resets").then().statusCode(400).body("detail", containsString("ISO-8601"));
        given().auth().oauth2(token).queryParam("from", "2026-11-01T00:00:00Z").queryParam("to", "2026-11-02T00:00:00Z").queryParam("format", "xml")
                .get("/api/v1/compliance/resets").then().statusCode(400);
    }

    @Test
    void shouldShowTheReportOnTheScreenWithADownloadLink() {
        Instant from = ResetReportFixtures.quietDay();
        ResetCase reset = ResetReportFixtures.resetCase(from.plus(Duration.ofHours(3)), "MEDIUM", null);
        String day = from.atZone(ZoneOffset.UTC).toLocalDate().toString();
        StaffScreen compliance = StaffScreen.open("compliance", "/compliance/resets");
        String page = compliance.get("/compliance/resets?from=" + day + "&to=" + day);
        assertTrue(page.contains(reset.ticketRef()), page);
        assertTrue(page.contains(AccountPseudonym.of(reset.accountRef())), page);
        assertTrue(page.contains("ID_FRONT:" + reset.idFrontSha256()), page);
        assertTrue(page.contains("format=csv"), page);
        assertTrue(page.contains("No objection in this period."), page);

        given().cookie(compliance.session()).accept("text/html").queryParam("from", "01/11/2026").queryParam("to", day)
                .get("/compliance/resets").then().statusCode(200).body(containsString("Give both days"));
    }

    @Test
    void shouldKeepSpreadsheetFormulasInert() {
        assertEquals("\"'=HYPERLINK(\"\"x\"\")\"", ResetReportCsv.cell("=HYPERLINK(\"x\")"));
        assertEquals("\"a,b\"", ResetReportCsv.cell("a,b"));
        assertEquals("agent1", ResetReportCsv.cell("agent1"));
        assertEquals("", ResetReportCsv.cell(null));
    }
}
