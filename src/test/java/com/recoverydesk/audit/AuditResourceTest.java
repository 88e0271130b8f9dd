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
    void shouldExportEventLinesThatRehashWithTheDocumentedEncoding() throws Exception {
        Instant from = Instant.now().minusMillis(1);
        String caseId = "case-" + UUID.randomUUID();
        trail.record(Actor.requester(), "case.opened", caseId, Map.of("channel", "web"));
        trail.record(Actor.staff("agent1", "agent"), "case.claimed", caseId, Map.of());

        String body = given().queryParam("from", from.toString())
                .when().get("/api/v1/audit/export")
                .then().statusCode(200).contentType("application/jsonl")
                .extract().asString();

        JsonNode previous = null;
        int events = 0;
        for (String line : body.split("\n")) {
            JsonNode e = json.readTree(line);
            if (!e.get("type").asText().equals("event")) {
                continue;
            }
            events++;
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
        assertTrue(events >= 2, body);
    }

    @Test
    @TestSecurity(user = "compliance1", roles = "compliance")
    void shouldSignACheckpointOnDemandAndShowIt() {
        long head = trail.record(Actor.system(), "test.checkpoint", null, Map.of()).seq();
        io.restassured.response.Response signed = given().contentType("application/json").body("{}")
                .when().post("/api/v1/audit/checkpoints");
        signed.then().statusCode(201)
                .body("seq", greaterThan((int) head - 1))
                .body("hash", matchesPattern("[0-9a-f]{64}"))
                .body("keyId", matchesPattern("[0-9a-f]{16}"))
                .body("origin", equalTo("on-demand"))
                .body("requestedBy", equalTo("compliance1"));
        int number = signed.path("number");
        assertTrue(signed.header("Location").endsWith("/api/v1/audit/checkpoints/" + number));

        given().get("/api/v1/audit/checkpoints/" + number).then().statusCode(200)
                .body("number", equalTo(number)).body("signature", equalTo(signed.path("signature")));
        given().queryParam("after", number - 1).get("/api/v1/audit/checkpoints").then().statusCode(200)
                .body("[0].number", equalTo(number));
        given().get("/api/v1/audit/checkpoints/999999999").then().statusCode(404).contentType("application/problem+json");
        given().get("/api/v1/audit/checkpoints/zero").then().statusCode(400).contentType("application/problem+json");
        given().get("/api/v1/audit/verification").then().statusCode(200)
                .body("valid", equalTo(true)).body("checkpointsChecked", greaterThan(0));
    }

    @Test
    @TestSecurity(user = "compliance1", roles = "compliance")
    void shouldPublishTheCheckpointKeysAsJsonAndPem() {
        String keyId = given().contentType("application/json").post("/api/v1/audit/checkpoints").then().statusCode(201).extract().path("keyId");
        given().get("/api/v1/audit/public-key").then().statusCode(200)
                .body("keys.find { it.current }.keyId", equalTo(keyId))
                .body("keys[0].algorithm", equalTo("Ed25519"))
                .body("keys[0].publicKeyPem", org.hamcrest.Matchers.startsWith("-----BEGIN PUBLIC KEY-----"));
        String pem = given().accept("application/x-pem-file").get("/api/v1/audit/public-key")
                .then().statusCode(200).extract().asString();
        assertTrue(pem.startsWith("-----BEGIN PUBLIC KEY-----"), pem);
        assertEquals(keyId, CheckpointKeys.keyId(CheckpointKeys.publicKey(pem)));
    }

    @Test
    @TestSecurity(user = "compliance1", roles = "compliance")
    void shouldFilterByActionAndRecordTheSearch() {
        String caseId = "case-" + UUID.randomUUID();
        trail.record(Actor.system(), "case.opened", caseId, Map.of());
        long decided = trail.record(Actor.staff("agent1", "agent"), "case.review-decided", caseId, Map.of("decision", "REJECT")).seq();
        given().queryParam("caseId", caseId).queryParam("action", "case.review-decided").get("/api/v1/audit/events")
                .then().statusCode(200)
                .body("events.seq", equalTo(List.of((int) decided)));
        given().queryParam("actor", "compliance1").queryParam("action", "audit.searched").queryParam("after", decided)
                .get("/api/v1/audit/events").then().statusCode(200)
                .body("events[0].details", org.hamcrest.Matchers.containsString("\"caseId\":\"" + caseId + "\""))
                .body("events[0].details", org.hamcrest.Matchers.containsString("\"action\":\"case.review-decided\""));
    }

    @Test
    @TestSecurity(user = "compliance1", roles = "compliance")
    void shouldFindACaseByItsTicketReference() {
        Map<String, Object> opened = com.recoverydesk.support.TestAccounts.openCase(com.recoverydesk.support.TestAccounts.create());
        String ticketRef = (String) opened.get("ticketRef");
        given().queryParam("ticketRef", ticketRef).get("/api/v1/audit/events").then().statusCode(200)
                .body("events[0].action", equalTo("case.opened"))
                .body("events[0].details", org.hamcrest.Matchers.containsString(ticketRef))
                .body("events.caseId", everyItem(equalTo(given().queryParam("ticketRef", ticketRef).get("/api/v1/audit/events")
                        .then().extract().path("events[0].caseId"))));
        given().queryParam("ticketRef", "RCV-NONE-NONE").get("/api/v1/audit/events").then().statusCode(200)
                .body("events", hasSize(0));
    }
}
