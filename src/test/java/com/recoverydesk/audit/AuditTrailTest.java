package com.recoverydesk.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.UserTransaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The trail on real PostgreSQL: one gap-free chain under concurrency, refused rewrites. */
@QuarkusTest
class AuditTrailTest {

    @Inject
    AuditTrail trail;

    @Inject
    AuditVerifier verifier;

    @Inject
    EntityManager em;

    @Inject
    UserTransaction tx;

    @Test
    void shouldKeepOneGapFreeValidChainWithEightConcurrentWriters() throws Exception {
        int writers = 8;
        int perWriter = 1_250;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<List<Long>>> results = new ArrayList<>();
        try {
            for (int w = 0; w < writers; w++) {
                int writer = w;
                Callable<List<Long>> appends = () -> {
                    List<Long> seqs = new ArrayList<>(perWriter);
                    for (int i = 0; i < perWriter; i++) {
                        // no transaction on this thread: each record runs in its own
                        seqs.add(trail.record(Actor.system(), "test.concurrent-append", "case-" + writer,
                                Map.of("writer", writer, "n", i)).seq());
                    }
                    return seqs;
                };
                results.add(pool.submit(appends));
            }
            Set<Long> seqs = new TreeSet<>();
            for (Future<List<Long>> result : results) {
                seqs.addAll(result.get());
            }
            assertEquals(writers * perWriter, seqs.size(), "every append got its own seq");
        } finally {
            pool.shutdownNow();
        }

        Object[] stats = QuarkusTransaction.requiringNew().call(() -> (Object[]) em
                .createNativeQuery("SELECT count(*), min(seq), max(seq) FROM audit_event").getSingleResult());
        long count = ((Number) stats[0]).longValue();
        assertEquals(1L, ((Number) stats[1]).longValue(), "the trail starts at seq 1");
        assertEquals(count, ((Number) stats[2]).longValue(), "seqs 1..n without gaps");

        AuditVerification verification = verifier.verify();
        assertTrue(verification.valid(), verification.message());
        assertEquals(count, verification.checked());
    }

    @Test
    void shouldRefuseUpdateOfAnAuditRow() throws Exception {
        long seq = trail.record(Actor.system(), "test.refusal", null, Map.of()).seq();
        assertRefused("UPDATE audit_event SET action = 'rewritten' WHERE seq = " + seq);
    }

    @Test
    void shouldRefuseDeleteOfAnAuditRow() throws Exception {
        long seq = trail.record(Actor.system(), "test.refusal", null, Map.of()).seq();
        assertRefused("DELETE FROM audit_event WHERE seq = " + seq);
    }

    @Test
    void shouldRefuseTruncateOfTheTrail() throws Exception {
        trail.record(Actor.system(), "test.refusal", null, Map.of());
        assertRefused("TRUNCATE audit_event");
    }

    @Test
    void shouldRefuseRewindingTheChainHead() throws Exception {
        trail.record(Actor.system(), "test.refusal", null, Map.of());
        assertRefused("UPDATE audit_chain_head SET last_seq = last_seq - 1");
    }

    @Test
    void shouldLeaveNoEventWhenTheCallersTransactionRollsBack() throws Exception {
        String caseId = "case-" + UUID.randomUUID();
        tx.begin();
        try {
            trail.record(Actor.staff("agent1", "agent"), "test.rolled-back", caseId, Map.of());
        } finally {
            tx.rollback();
        }
        long left = QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("SELECT count(*) FROM audit_event WHERE case_id = ?1")
                .setParameter(1, caseId).getSingleResult()).longValue());
        assertEquals(0, left);
        trail.record(Actor.system(), "test.after-rollback", null, Map.of());
        assertTrue(verifier.verify().valid(), "the chain head rolled back with the event");
    }

    private void assertRefused(String sql) throws Exception {
        tx.begin();
        try {
            PersistenceException refused = assertThrows(PersistenceException.class,
                    () -> em.createNativeQuery(sql).executeUpdate());
            assertTrue(rootMessage(refused).contains("refused"), rootMessage(refused));
        } finally {
            tx.rollback();
        }
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return String.valueOf(t.getMessage());
    }
}
