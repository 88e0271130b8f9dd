package com.recoverydesk.audit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.recoverydesk.audit.AuditExportVerifier.ExportVerification;
import com.recoverydesk.audit.offline.VerifyAuditExport;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The export with proofs, checked by the service's own export verifier and by the single-file
 * offline verifier, which share no code: on every export both must agree, on the intact one and
 * on each tampered copy (every byte changed in turn, every line dropped in turn).
 */
@QuarkusTest
@TestSecurity(user = "compliance1", roles = "compliance")
class AuditExportTest {

    private static final Path OFFLINE_VERIFIER = Path.of("src/main/java/com/recoverydesk/audit/offline/VerifyAuditExport.java");

    @Inject
    AuditTrail trail;

    @Inject
    AuditCheckpoints checkpoints;

    @Test
    void shouldExportAContiguousRunWithItsCheckpointsThatBothVerifiersAccept() throws Exception {
        Instant from = Instant.now().minusMillis(1);
        String caseId = "case-" + UUID.randomUUID();
        long first = trail.record(Actor.requester(), "case.opened", caseId, Map.of("channel", "web")).seq();
        AuditCheckpointView inside = checkpoints.sign(AuditCheckpointView.ON_DEMAND, "compliance1");
        trail.record(Actor.staff("agent1", "agent"), "case.claimed", caseId, Map.of("note", "ünïcødé \"quoted\" \\ / \t"));

        byte[] export = export(from);
        List<String> lines = lines(export);
        assertTrue(lines.get(0).startsWith("{\"type\":\"header\",\"format\":\"recovery-desk.audit-export.v1\""), lines.get(0));
        assertTrue(lines.get(1).startsWith("{\"type\":\"key\""), lines.get(1));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("{\"type\":\"checkpoint\",\"number\":" + inside.number() + ",")));
        assertTrue(lines.get(lines.size() - 1).startsWith("{\"type\":\"export-checkpoint\""));

        List<PublicKey> keys = trustedKeys();
        ExportVerification service = AuditExportVerifier.verify(new ByteArrayInputStream(export), keys);
        VerifyAuditExport.Result offline = VerifyAuditExport.verify(new ByteArrayInputStream(export), keys);
        assertTrue(service.valid(), service.message());
        assertTrue(offline.valid(), offline.summary());
        assertEquals(first, service.firstSeq());
        assertEquals(service.firstSeq(), offline.firstSeq());
        assertEquals(service.lastSeq(), offline.lastSeq());
        assertEquals(service.checkpoints(), offline.checkpoints());
        assertTrue(offline.checkpoints() >= 1);
    }

    @Test
    void shouldFailBothVerifiersAtTheSamePlaceWhenAnyOneByteChanges() throws Exception {
        Instant from = Instant.now().minusMillis(1);
        trail.record(Actor.requester(), "case.opened", "case-" + UUID.randomUUID(), Map.of("ticketRef", "RCV-TEST-0001"));
        checkpoints.sign(AuditCheckpointView.ON_DEMAND, "compliance1");
        trail.record(Actor.system(), "case.risk-assessed", null, Map.of("risk", "LOW"));
        byte[] export = export(from);
        List<PublicKey> keys = trustedKeys();

        for (int i = 0; i < export.length; i++) {
            byte[] changed = export.clone();
            // alternately the lowest bit (digit to digit, letter to letter) and the case bit
            int mask = i % 2 == 0 ? 0x01 : 0x20;
            changed[i] = (byte) (export[i] ^ mask);
            assertBothRefuse(changed, keys, "byte " + i + " ^ " + mask);
        }
    }

    @Test
    void shouldFailBothVerifiersWhenAnyLineIsDroppedOrTwoAreSwapped() throws Exception {
        Instant from = Instant.now().minusMillis(1);
        trail.record(Actor.requester(), "case.opened", "case-" + UUID.randomUUID(), Map.of());
        trail.record(Actor.system(), "case.risk-assessed", null, Map.of("risk", "HIGH"));
        checkpoints.sign(AuditCheckpointView.ON_DEMAND, "compliance1");
        trail.record(Actor.system(), "case.evidence-requested", null, Map.of());
        byte[] export = export(from);
        List<String> lines = lines(export);
        List<PublicKey> keys = trustedKeys();

        for (int drop = 0; drop < lines.size(); drop++) {
            List<String> shorter = new ArrayList<>(lines);
            shorter.remove(drop);
            assertBothRefuse(join(shorter), keys, "line " + (drop + 1) + " dropped");
        }
        for (int i = 0; i + 1 < lines.size(); i++) {
            List<String> swapped = new ArrayList<>(lines);
            swapped.set(i, lines.get(i + 1));
            swapped.set(i + 1, lines.get(i));
            assertBothRefuse(join(swapped), keys, "lines " + (i + 1) + " and " + (i + 2) + " swapped");
        }
        // appending anything after the closing checkpoint is refused too
        assertBothRefuse(join(lines, lines.get(2)), keys, "a line appended");
        byte[] unterminated = Arrays.copyOf(export, export.length - 1);
        assertBothRefuse(unterminated, keys, "last newline removed");
    }

    @Test
    void shouldRefuseAnExportSignedWithAnotherKeyThanTheOneGiven() throws Exception {
        Instant from = Instant.now().minusMillis(1);
        trail.record(Actor.system(), "test.export", null, Map.of());
        byte[] export = export(from);
        PublicKey stranger = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic();
        VerifyAuditExport.Result offline = VerifyAuditExport.verify(new ByteArrayInputStream(export), List.of(stranger));
        ExportVerification service = AuditExportVerifier.verify(new ByteArrayInputStream(export), List.of(stranger));
        assertFalse(offline.valid());
        assertEquals("export checkpoint", offline.location());
        assertEquals(offline.location(), service.location());
        // without a key given, the export's own keys are used, and the summary says so
        VerifyAuditExport.Result own = VerifyAuditExport.verify(new ByteArrayInputStream(export), null);
        assertTrue(own.valid());
        assertTrue(own.summary().contains("keys taken from the export itself"), own.summary());
    }

    @Test
    void shouldVerifyFromTheCommandLineWithTheSingleSourceFile() throws Exception {
        Instant from = Instant.now().minusMillis(1);
        trail.record(Actor.staff("agent1", "agent"), "case.claimed", "case-" + UUID.randomUUID(), Map.of("round", 1));
        long changedSeq = trail.record(Actor.staff("agent1", "agent"), "case.review-decided", "case-" + UUID.randomUUID(),
                Map.of("decision", "APPROVE")).seq();
        byte[] export = export(from);
        Path dir = Files.createDirectories(Path.of("target", "audit-exports"));
        Path good = Files.write(dir.resolve("good.jsonl"), export);
        Path bad = Files.write(dir.resolve("bad.jsonl"), new String(export, StandardCharsets.UTF_8)
                .replace("\"decision\\\":\\\"APPROVE", "\"decision\\\":\\\"REJECT").getBytes(StandardCharsets.UTF_8));
        assertFalse(Arrays.equals(export, Files.readAllBytes(bad)), "the tampered copy differs");
        Path keys = Files.writeString(dir.resolve("keys.pem"), given().accept("application/x-pem-file")
                .get("/api/v1/audit/public-key").then().statusCode(200).extract().asString());

        Run valid = offline(good, keys);
        assertEquals(0, valid.exitCode(), valid.output());
        assertEquals(1, valid.output().strip().lines().count(), valid.output());
        assertTrue(valid.output().startsWith("VALID: entries "), valid.output());
        assertTrue(valid.output().contains("with the given public key"), valid.output());

        Run broken = offline(bad, keys);
        assertEquals(1, broken.exitCode(), broken.output());
        assertTrue(broken.output().startsWith("BROKEN at seq " + changedSeq + ":"), broken.output());
    }

    @Test
    void shouldRecordTheExportInTheTrail() {
        Instant from = Instant.now().minusMillis(1);
        long seq = trail.record(Actor.system(), "test.export", null, Map.of()).seq();
        export(from);
        given().queryParam("actor", "compliance1").queryParam("action", "audit.exported").queryParam("after", seq)
                .get("/api/v1/audit/events").then().statusCode(200)
                .body("events[0].role", equalTo("compliance"))
                .body("events[0].details", org.hamcrest.Matchers.containsString("\"firstSeq\":" + seq));
    }

    @Test
    void shouldAnswerProblemDetailsForAWindowWithoutEvents() {
        given().queryParam("from", "2001-01-01T00:00:00Z").queryParam("to", "2001-01-02T00:00:00Z")
                .get("/api/v1/audit/export").then().statusCode(404).contentType("application/problem+json");
    }

    private static void assertBothRefuse(byte[] export, List<PublicKey> keys, String what) throws Exception {
        ExportVerification service = AuditExportVerifier.verify(new ByteArrayInputStream(export), keys);
        VerifyAuditExport.Result offline = VerifyAuditExport.verify(new ByteArrayInputStream(export), keys);
        assertFalse(service.valid(), what + ": the service's verifier accepted it");
        assertFalse(offline.valid(), what + ": the offline verifier accepted it");
        assertNotNull(offline.location());
        assertEquals(service.location(), offline.location(), what + ": " + service.message() + " / " + offline.message());
    }

    private static byte[] export(Instant from) {
        return given().queryParam("from", from.toString()).get("/api/v1/audit/export")
                .then().statusCode(200).contentType("application/jsonl").extract().asByteArray();
    }

    private static List<PublicKey> trustedKeys() {
        List<String> encoded = given().get("/api/v1/audit/public-key").then().statusCode(200).extract().path("keys.publicKey");
        return encoded.stream().map(CheckpointKeys::publicKey).toList();
    }

    private static List<String> lines(byte[] export) {
        return new String(export, StandardCharsets.UTF_8).lines().toList();
    }

    private static byte[] join(List<String> lines, String... more) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String line : lines) {
            out.writeBytes((line + "\n").getBytes(StandardCharsets.UTF_8));
        }
        for (String line : more) {
            out.writeBytes((line + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    record Run(int exitCode, String output) {
    }

    /** Runs the verifier as the docs tell an auditor to: {@code java VerifyAuditExport.java EXPORT [PUBLIC_KEY]}. */
    private static Run offline(Path export, Path keys) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, OFFLINE_VERIFIER.toString(), export.toString(), keys.toString())
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the offline verifier finished");
        return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void shouldTakeTheKeysOnlyFromThePublicKeyFile() throws Exception {
        // the PEM answer of the public-key endpoint parses back into the very keys of the JSON answer
        String pem = given().accept("application/x-pem-file").get("/api/v1/audit/public-key").then().statusCode(200).extract().asString();
        Path file = Files.writeString(Files.createDirectories(Path.of("target", "audit-exports")).resolve("keys-only.pem"), pem);
        List<PublicKey> fromPem = offlineKeys(file);
        List<PublicKey> fromJson = trustedKeys();
        assertEquals(fromJson.size(), fromPem.size());
        for (int i = 0; i < fromJson.size(); i++) {
            assertArrayEquals(fromJson.get(i).getEncoded(), fromPem.get(i).getEncoded());
        }
    }

    private static List<PublicKey> offlineKeys(Path file) throws Exception {
        var method = VerifyAuditExport.class.getDeclaredMethod("readTrustedKeys", String.class);
        method.setAccessible(true);
        @SuppressWarnings("unchecked")
        List<PublicKey> keys = (List<PublicKey>) method.invoke(null, file.toString());
        return keys;
    }
}
