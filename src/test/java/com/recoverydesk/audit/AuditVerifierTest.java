package com.recoverydesk.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.UserTransaction;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tampering with the trail as a database superuser would (triggers switched off) is caught and
 * named. Each tampering happens in a transaction that is rolled back after the verifier has
 * looked at it in the same transaction, so the shared test database stays intact.
 */
@QuarkusTest
class AuditVerifierTest {

    @Inject
    AuditTrail trail;

    @Inject
    AuditVerifier verifier;

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
        assertEquals(new AuditVerification(false, target - 1, target), result);
    }

    @Test
    void shouldNameADeletedEntry() throws Exception {
        long target = mine.get(1).seq();
        AuditVerification result = verifyTampered("DELETE FROM audit_event WHERE seq = " + target);
        assertEquals(new AuditVerification(false, target - 1, target), result);
    }

    @Test
    void shouldNameTheFirstOfTwoSwappedEntries() throws Exception {
        long first = mine.get(1).seq();
        long second = mine.get(2).seq();
        // every column but seq trades places, so both rows still look well-formed
        AuditVerification result = verifyTampered("UPDATE audit_event a SET occurred_at = b.occurred_at,"
                + " actor = b.actor, actor_role = b.actor_role, action = b.action, case_id = b.case_id,"
                + " details = b.details, prev_hash = b.prev_hash, hash = b.hash"
                + " FROM audit_event b WHERE (a.seq, b.seq) IN ((" + first + ", " + second + "), (" + second + ", " + first + "))");
        assertEquals(new AuditVerification(false, first - 1, first), result);
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
        assertEquals(new AuditVerification(false, forgedSeq, forgedSeq + 1), result);
    }

    @Test
    void shouldNameAnEntryAppendedBehindTheChainHead() throws Exception {
        AuditEventView last = mine.get(3);
        long forgedSeq = last.seq() + 1;
        AuditVerification result = verifyTampered(forgedInsert(forgedSeq, last.hash()));
        assertEquals(new AuditVerification(false, last.seq(), forgedSeq), result);
    }

    @Test
    void shouldNameARemovedLastEntry() throws Exception {
        long last = mine.get(3).seq();
        AuditVerification result = verifyTampered("DELETE FROM audit_event WHERE seq = " + last);
        assertEquals(new AuditVerification(false, last - 1, last), result);
    }

    @Test
    void shouldStayValidAfterTheTamperingWasRolledBack() throws Exception {
        verifyTampered("DELETE FROM audit_event WHERE seq = " + mine.get(0).seq());
        AuditVerification after = verifier.verify();
        assertTrue(after.valid());
        assertTrue(after.checked() >= mine.get(3).seq());
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

    private AuditVerification verifyTampered(String... statements) throws Exception {
        tx.begin();
        try {
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
