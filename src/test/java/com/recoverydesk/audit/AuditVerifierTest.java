package com.recoverydesk.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.UserTransaction;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tampering with the trail and its checkpoints as a database superuser would (triggers switched
 * off) is caught, named by its first broken seq or checkpoint, and told apart from the other kinds
 * of tampering. Each tampering happens in a transaction that is rolled back after the verifier has
 * looked at it in the same transaction, so the test database stays intact.
 */
@QuarkusTest
class AuditVerifierTest {

    @Inject
    AuditTrail trail;

    @Inject
    AuditVerifier verifier;

    @Inject
    AuditCheckpoints checkpoints;

    @Inject
    EntityManager em;

    @Inject
    UserTransaction tx;

    /** Four events of this test's own, in order; other tests may have written before them. */
    List<AuditEventView> mine;

    @BeforeEach
    void appendOwnEvents() {
        mine = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            mine.add(trail.record(Actor.staff("agent1", "agent"), "test.tampering-target", "case-t",
                    Map.of("step", i)));
        }
        assertTrue(verifier.verify().valid(), "the chain is intact before tampering");
    }

    @Test
    void shouldNameAChangedEntry() throws Exception {
        long target = mine.get(1).seq();
        AuditVerification result = verifyTampered(
                "UPDATE audit_event SET details = '{\"step\":99}' WHERE seq = " + target);
        assertBroken(result, AuditProblem.ENTRY_ALTERED, target, "does not match its hash");
        assertEquals(target - 1, result.checked());
    }

    @Test
    void shouldNameADeletedEntry() throws Exception {
        long target = mine.get(1).seq();
        AuditVerification result = verifyTampered("DELETE FROM audit_event WHERE seq = " + target);
        assertBroken(result, AuditProblem.ENTRY_MISSING, target, "is missing");
    }

    @Test
    void shouldNameTheFirstOfTwoSwappedEntries() throws Exception {
        long first = mine.get(1).seq();
        long second = mine.get(2).seq();
        // every column but seq trades places, so both rows still look well-formed
        AuditVerification result = verifyTampered(swap(first, second));
        assertBroken(result, AuditProblem.ENTRY_OUT_OF_ORDER, first, "swapped");
    }

    @Test
    void shouldNameTheEntryDisplacedByAnInsertedOne() throws Exception {
        AuditEventView before = mine.get(1);
        long forgedSeq = before.seq() + 1;
        // A careful forger: makes room, links the forged entry to its predecessor with a correct
        // hash and moves the head on. The forged entry itself is then self-consistent; the
        // first broken link is the displaced entry after it, which still names the old predecessor.
        AuditVerification result = verifyTampered(
                // two steps, because a one-step shift collides with the primary key midway
                "UPDATE audit_event SET seq = seq + 1000000000 WHERE seq > " + before.seq(),
                "UPDATE audit_event SET seq = seq - 999999999 WHERE seq > 1000000000",
                forgedInsert(forgedSeq, before.hash()),
                "UPDATE audit_chain_head SET last_seq = last_seq + 1");
        assertBroken(result, AuditProblem.ENTRY_OUT_OF_ORDER, forgedSeq + 1, "inserted");
    }

    @Test
    void shouldNameAnEntryAppendedBehindTheChainHead() throws Exception {
        long[] forgedSeq = new long[1];
        AuditVerification result = verifyTamperedAtHead((lastSeq, lastHash) -> {
            forgedSeq[0] = lastSeq + 1;
            return new String[] {forgedInsert(lastSeq + 1, lastHash)};
        });
        assertBroken(result, AuditProblem.ENTRY_UNEXPECTED, forgedSeq[0], "beyond the chain head");
    }

    @Test
    void shouldNameARemovedLastEntry() throws Exception {
        long[] last = new long[1];
        AuditVerification result = verifyTamperedAtHead((lastSeq, lastHash) -> {
            last[0] = lastSeq;
            return new String[] {"DELETE FROM audit_event WHERE seq = " + lastSeq};
        });
        assertBroken(result, AuditProblem.TRUNCATED, last[0], "the tail was removed");
    }

    @Test
    void shouldCatchATruncatedTailHiddenByMovingTheHeadBack() throws Exception {
        AuditCheckpointView checkpoint = checkpoints.sign(AuditCheckpointView.ON_DEMAND, "compliance1");
        AuditEventView keep = mine.get(1);
        // without the checkpoint this would look like a shorter, valid chain
        AuditVerification result = verifyTampered(
                "DELETE FROM audit_event WHERE seq > " + keep.seq(),
                "UPDATE audit_chain_head SET last_seq = " + keep.seq() + ", last_hash = '" + keep.hash() + "'");
        assertBroken(result, AuditProblem.TRUNCATED, keep.seq() + 1, "checkpoint " + checkpoint.number() + " names entry " + checkpoint.seq());
        assertEquals(checkpoint.number(), result.brokenCheckpoint());
    }

    @Test
    void shouldCatchAChainRewrittenAndRehashedAfterACheckpoint() throws Exception {
        AuditCheckpointView checkpoint = checkpoints.sign(AuditCheckpointView.ON_DEMAND, "compliance1");
        AuditVerification result = verifyTamperedAtHead((seq, hash) -> rewriteFrom(mine.get(1), "{\"step\":\"rewritten\"}"));
        assertBroken(result, AuditProblem.REWRITTEN_AFTER_CHECKPOINT, checkpoint.seq(),
                "not the one checkpoint " + checkpoint.number() + " signed");
        assertEquals(checkpoint.number(), result.brokenCheckpoint());
    }

    @Test
    void shouldNotNoticeARewriteAfterTheLastCheckpointWithoutOne() throws Exception {
        // the limit the checkpoints exist for: a rewrite behind the last checkpoint looks valid
        // until the next one is signed, which is why they are signed every interval
        checkpoints.sign(AuditCheckpointView.ON_DEMAND, "compliance1");
        AuditEventView later = trail.record(Actor.system(), "test.after-checkpoint", "case-t", Map.of());
        AuditVerification result = verifyTamperedAtHead((seq, hash) -> rewriteFrom(later, "{\"rewritten\":true}"));
        assertTrue(result.valid(), result.message());
    }

    @Test
    void shouldCatchAForgedCheckpoint() throws Exception {
        long number = checkpoints.sign(AuditCheckpointView.ON_DEMAND, "compliance1").number() + 1;
        AuditEventView head = mine.get(3);
        AuditVerification garbage = verifyTampered(checkpointInsert(number, head, "c2lnbmF0dXJl"));
        assertBroken(garbage, null, null, "signature does not verify");
        assertEquals(AuditProblem.CHECKPOINT_FORGED, garbage.problem());
        assertEquals(number, garbage.brokenCheckpoint());

        // a rewriter who re-signs with a key of their own gets no further
        KeyPair foreign = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Instant signedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String foreignId = CheckpointKeys.keyId(foreign.getPublic());
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(foreign.getPrivate());
        signer.update(CheckpointPayload.stored(number, head.seq(), head.hash(), signedAt, foreignId));
        String signature = Base64.getEncoder().encodeToString(signer.sign());
        AuditVerification foreignKey = verifyTampered("INSERT INTO audit_checkpoint (checkpoint_no, chain_seq, chain_hash, signed_at, key_id, signature, origin)"
                + " VALUES (" + number + ", " + head.seq() + ", '" + head.hash() + "', TIMESTAMPTZ '" + OffsetDateTime.ofInstant(signedAt, ZoneOffset.UTC)
                + "', '" + foreignId + "', '" + signature + "', 'on-demand')");
        assertEquals(AuditProblem.CHECKPOINT_FORGED, foreignKey.problem());
    }

    @Test
    void shouldCatchACheckpointMovedToAnotherEntry() throws Exception {
        AuditCheckpointView checkpoint = checkpoints.sign(AuditCheckpointView.ON_DEMAND, "compliance1");
        AuditEventView earlier = mine.get(0);
        AuditVerification result = verifyTampered("UPDATE audit_checkpoint SET chain_seq = " + earlier.seq()
                + ", chain_hash = '" + earlier.hash() + "' WHERE checkpoint_no = " + checkpoint.number());
        assertEquals(AuditProblem.CHECKPOINT_FORGED, result.problem());
        assertEquals(checkpoint.number(), result.brokenCheckpoint());
    }

    @Test
    void shouldCatchARemovedCheckpoint() throws Exception {
        AuditCheckpointView first = checkpoints.sign(AuditCheckpointView.ON_DEMAND, "compliance1");
        checkpoints.sign(AuditCheckpointView.ON_DEMAND, "compliance1");
        AuditVerification result = verifyTampered("DELETE FROM audit_checkpoint WHERE checkpoint_no = " + first.number());
        assertEquals(AuditProblem.CHECKPOINT_MISSING, result.problem());
        assertEquals(first.number(), result.brokenCheckpoint());
        assertFalse(result.valid());
    }

    @Test
    void shouldCountTheCheckpointsOfAnIntactChain() {
        checkpoints.sign(AuditCheckpointView.ON_DEMAND, "compliance1");
        AuditVerification result = verifier.verify();
        assertTrue(result.valid());
        assertTrue(result.checkpointsChecked() >= 1);
        assertTrue(result.checked() >= mine.get(3).seq());
        assertNull(result.problem());
    }

    @Inject
    CheckpointSchedule schedule;

    @Test
    void shouldSignOnScheduleWhenTheTrailHasGrown() {
        AuditEventView latest = trail.record(Actor.system(), "test.scheduled", null, Map.of());
        schedule.signChainHead(); // what the scheduler runs every recovery.audit.checkpoint-interval
        AuditCheckpointView signed = checkpoints.latest().orElseThrow();
        assertTrue(signed.seq() >= latest.seq(), "the checkpoint covers the new entry");
        assertEquals(AuditCheckpointView.SCHEDULED, signed.origin());
        assertTrue(verifier.verify().valid());
    }

    @Test
    void shouldRefuseToSignOverABrokenSegment() throws Exception {
        AuditCheckpointView checkpoint = checkpoints.sign(AuditCheckpointView.ON_DEMAND, "compliance1");
        AuditEventView later = trail.record(Actor.system(), "test.after-checkpoint", "case-t", Map.of());
        tx.begin();
        try {
            em.createNativeQuery("SET LOCAL session_replication_role = replica").executeUpdate();
            em.createNativeQuery("UPDATE audit_event SET actor = 'someone-else' WHERE seq = " + later.seq()).executeUpdate();
            AuditVerifier.Segment segment = verifier.verifySince(checkpoint.seq(), checkpoint.hash(), checkpoint.number());
            assertEquals(AuditProblem.ENTRY_ALTERED, segment.verification().problem());
            assertEquals(later.seq(), segment.verification().firstBrokenSeq());
        } finally {
            tx.rollback();
        }
    }

    @Test
    void shouldStayValidAfterTheTamperingWasRolledBack() throws Exception {
        verifyTampered("DELETE FROM audit_event WHERE seq = " + mine.get(0).seq());
        AuditVerification after = verifier.verify();
        assertTrue(after.valid());
        assertTrue(after.checked() >= mine.get(3).seq());
    }

    private static void assertBroken(AuditVerification result, AuditProblem problem, Long seq, String messagePart) {
        assertFalse(result.valid(), "tampering went unnoticed");
        if (problem != null) {
            assertEquals(problem, result.problem(), result.message());
        }
        if (seq != null) {
            assertEquals(seq, result.firstBrokenSeq(), result.message());
        }
        assertTrue(result.message().contains(messagePart), result.message());
    }

    private static String[] swap(long first, long second) {
        return new String[] {"UPDATE audit_event a SET occurred_at = b.occurred_at,"
                + " actor = b.actor, actor_role = b.actor_role, action = b.action, case_id = b.case_id,"
                + " details = b.details, prev_hash = b.prev_hash, hash = b.hash"
                + " FROM audit_event b WHERE (a.seq, b.seq) IN ((" + first + ", " + second + "), (" + second + ", " + first + "))"};
    }

    /**
     * Changes {@code from}'s details and rehashes it and every entry after it, then moves the
     * head: a chain that verifies on its own, as a superuser with the public encoding could make.
     */
    @SuppressWarnings("unchecked")
    private String[] rewriteFrom(AuditEventView from, String newDetails) {
        List<Object[]> rows = em.createNativeQuery("SELECT seq, occurred_at, actor, actor_role, action, case_id, details, prev_hash"
                + " FROM audit_event WHERE seq >= " + from.seq() + " ORDER BY seq").getResultList();
        List<String> statements = new ArrayList<>();
        String prev = from.prevHash();
        for (Object[] r : rows) {
            long seq = ((Number) r[0]).longValue();
            Instant time = r[1] instanceof OffsetDateTime o ? o.toInstant()
                    : r[1] instanceof Instant i ? i : ((java.sql.Timestamp) r[1]).toInstant();
            String details = seq == from.seq() ? newDetails : (String) r[6];
            String hash = AuditHash.of(seq, time, (String) r[2], (String) r[3], (String) r[4], (String) r[5], details, prev);
            statements.add("UPDATE audit_event SET details = '" + details + "', prev_hash = '" + prev + "', hash = '" + hash + "' WHERE seq = " + seq);
            prev = hash;
        }
        statements.add("UPDATE audit_chain_head SET last_hash = '" + prev + "'");
        return statements.toArray(String[]::new);
    }

    private static String checkpointInsert(long number, AuditEventView head, String signature) {
        return "INSERT INTO audit_checkpoint (checkpoint_no, chain_seq, chain_hash, signed_at, key_id, signature, origin)"
                + " VALUES (" + number + ", " + head.seq() + ", '" + head.hash() + "', now(), 'deadbeefdeadbeef', '" + signature + "', 'on-demand')";
    }

    /** A correctly hashed entry, as anyone who knows the public encoding could make. */
    private static String forgedInsert(long seq, String prevHash) {
        Instant time = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String details = "{\"forged\":true}";
        String hash = AuditHash.of(seq, time, "supervisor1", "supervisor", "case.approved", "case-t", details, prevHash);
        return "INSERT INTO audit_event (seq, occurred_at, actor, actor_role, action, case_id, details, prev_hash, hash)"
                + " VALUES (" + seq + ", TIMESTAMPTZ '" + OffsetDateTime.ofInstant(time, ZoneOffset.UTC) + "',"
                + " 'supervisor1', 'supervisor', 'case.approved', 'case-t', '" + details + "', '" + prevHash + "', '" + hash + "')";
    }

    interface AtHead {
        String[] tamper(long lastSeq, String lastHash);
    }

    /** Tampers with the end of the chain as it is once appends are held off (the process's workers append too). */
    private AuditVerification verifyTamperedAtHead(AtHead tampering) throws Exception {
        tx.begin();
        try {
            Object[] head = (Object[]) em.createNativeQuery("SELECT last_seq, last_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE")
                    .getSingleResult();
            em.createNativeQuery("SET LOCAL session_replication_role = replica").executeUpdate();
            for (String sql : tampering.tamper(((Number) head[0]).longValue(), (String) head[1])) {
                em.createNativeQuery(sql).executeUpdate();
            }
            return verifier.verify();
        } finally {
            tx.rollback();
        }
    }

    private AuditVerification verifyTampered(String... statements) throws Exception {
        tx.begin();
        try {
            // holds off appends by other threads until the rollback
            em.createNativeQuery("SELECT last_seq FROM audit_chain_head WHERE id = 1 FOR UPDATE").getSingleResult();
            // superuser only: switches the append-only triggers off for this transaction
            em.createNativeQuery("SET LOCAL session_replication_role = replica").executeUpdate();
            for (String sql : statements) {
                em.createNativeQuery(sql).executeUpdate();
            }
            return verifier.verify(); // joins this transaction, so it sees the tampering
        } finally {
            tx.rollback();
        }
    }
}
