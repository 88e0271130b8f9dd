package com.recoverydesk.audit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Compliance's audit API. Staff identity is simulated with {@code @TestSecurity} until the JWT
 * login exists; the role checks are the endpoint's own.
 */
@QuarkusTest
class AuditResourceTest {

    @Inject
    AuditTrail trail;

    @Inject
    ObjectMapper json;

    @Test
    @TestSecurity(user = "compliance1", roles = "compliance")
    void shouldReportAValidChainToCompliance() {
        trail.record(Actor.system(), "test.resource", null, Map.of());
        given().when().get("/api/v1/audit/verification")
                .then().statusCode(200)
                .body("valid", equalTo(true))
                .body("checked", greaterThan(0))
                .body("firstBrokenSeq", nullValue());
    }

    @Test
    @TestSecurity(user = "agent1", roles = "agent")
    void shouldForbidVerificationToAnAgent() {
        given().when().get("/api/v1/audit/verification")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void shouldRequireAuthenticationForVerification() {
        given().when().get("/api/v1/audit/verification")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "agent1", roles = "agent")
    void shouldForbidEventsAndExportToAnAgent() {
        given().when().get("/api/v1/audit/events").then().statusCode(403);
        given().when().get("/api/v1/audit/export").then().statusCode(403);
    }

    @Test
    void shouldRequireAuthenticationForEventsAndExport() {
        given().when().get("/api/v1/audit/events").then().statusCode(401);
        given().when().get("/api/v1/audit/export").then().statusCode(401);
    }

    @Test
    @TestSecurity(user = "compliance1", roles = "compliance")
    void shouldPageACasesEventsInChainOrderWithTheirHashes() {
        String caseId = "case-" + UUID.randomUUID();
        List<Long> seqs = List.of(
                trail.record(Actor.requester(), "case.opened", caseId, Map.of()).seq(),
                trail.record(Actor.system(), "case.risk-assessed", caseId, Map.of("risk", "LOW")).seq(),
                trail.record(Actor.staff("agent1", "agent"), "case.claimed", caseId, Map.of()).seq());

        Number nextAfter = given().queryParam("caseId", caseId).queryParam("limit", 2)
                .when().get("/api/v1/audit/events")
                .then().statusCode(200)
                .body("events", hasSize(2))
                .body("events.seq", equalTo(List.of(seqs.get(0).intValue(), seqs.get(1).intValue())))
                .body("events.hash", everyItem(matchesPattern("[0-9a-f]{64}")))
                .body("events[0].time", matchesPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z"))
                .body("events[1].details", equalTo("{\"risk\":\"LOW\"}"))
                .body("events[1].prevHash", notNullValue())
                .body("nextAfter", equalTo(seqs.get(1).intValue()))
                .extract().path("nextAfter");

        given().queryParam("caseId", caseId).queryParam("limit", 2).queryParam("after", nextAfter)
                .when().get("/api/v1/audit/events")
                .then().statusCode(200)
                .body("events.seq", equalTo(List.of(seqs.get(2).intValue())))
                .body("events[0].actor", equalTo("agent1"))
                .body("events[0].role", equalTo("agent"))
                .body("nextAfter", nullValue());
    }

    @Test
    @TestSecurity(user = "compliance1", roles = "compliance")
    void shouldFilterEventsByActorAndTime() {
        Instant before = Instant.now().minusMillis(1);
        String actor = "agent-" + UUID.randomUUID().toString().substring(0, 8);
        trail.record(Actor.staff(actor, "agent"), "case.claimed", null, Map.of());
        given().queryParam("actor", actor).queryParam("from", before.toString())
                .queryParam("to", Instant.now().plusSeconds(60).toString())
                .when().get("/api/v1/audit/events")
                .then().statusCode(200).body("events", hasSize(1)).body("events[0].actor", equalTo(actor));
        given().queryParam("actor", actor).queryParam("to", before.toString())
                .when().get("/api/v1/audit/events")
                .then().statusCode(200).body("events", hasSize(0));
    }

    @Test
    @TestSecurity(user = "compliance1", roles = "compliance")
    void shouldAnswerBadQueriesWithProblemDetails() {
        given().queryParam("from", "yesterday").when().get("/api/v1/audit/events")
                .then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400)).body("detail", notNullValue());
        given().queryParam("from", "2025-03-02T00:00:00Z").queryParam("to", "2025-03-01T00:00:00Z")
                .when().get("/api/v1/audit/events")
                .then().statusCode(400).contentType("application/problem+json");
        given().queryParam("limit", "0").when().get("/api/v1/audit/events")
                .then().statusCode(400).contentType("application/problem+json");
        given().queryParam("to", "31/12/2025").when().get("/api/v1/audit/export")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "compliance1", roles = "compliance")
    void shouldExportJsonLinesThatVerifyOffline() throws Exception {
        Instant from = Instant.now().minusMillis(1);
        String caseId = "case-" + UUID.randomUUID();
        trail.record(Actor.requester(), "case.opened", caseId, Map.of("channel", "web"));
        trail.record(Actor.staff("agent1", "agent"), "case.claimed", caseId, Map.of());

        String body = given().queryParam("from", from.toString())
                .when().get("/api/v1/audit/export")
                .then().statusCode(200).contentType("application/jsonl")
                .extract().asString();

        String[] lines = body.split("\n");
        assertTrue(lines.length >= 2, body);
        JsonNode previous = null;
        for (String line : lines) {
            JsonNode e = json.readTree(line);
            // recompute the hash from the exported fields alone, as a third party would
            String recomputed = AuditHash.of(e.get("seq").asLong(), Instant.parse(e.get("time").asText()),
                    e.get("actor").asText(), e.get("role").asText(), e.get("action").asText(),
                    e.get("caseId").isNull() ? null : e.get("caseId").asText(), e.get("details").asText(),
                    e.get("prevHash").asText());
            assertEquals(e.get("hash").asText(), recomputed);
            if (previous != null) {
                assertEquals(previous.get("seq").asLong() + 1, e.get("seq").asLong());
                assertEquals(previous.get("hash").asText(), e.get("prevHash").asText());
            }
            previous = e;
        }
    }
}
