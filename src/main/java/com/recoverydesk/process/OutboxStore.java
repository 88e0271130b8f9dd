package com.recoverydesk.process;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** The outbox's bookkeeping, each step in its own short transaction. */
@ApplicationScoped
public class OutboxStore {

    /** How long a claimed command is left to the replica that claimed it before another may retry. */
    static final Duration CLAIM_LEASE = Duration.ofSeconds(30);

    private final CaseInstances cases;

    public OutboxStore(CaseInstances cases) {
        this.cases = cases;
    }

    @Transactional
    public List<Long> dueCommandIds(int limit) {
        return Panache.getEntityManager()
                .createQuery("select c.id from OutboxCommand c where c.doneAt is null and c.nextAttemptAt <= :now order by c.id", Long.class)
                .setParameter("now", now())
                .setMaxResults(limit)
                .getResultList();
    }

    /**
     * Claims a due command for this dispatcher by moving its next attempt past the lease; a
     * dispatcher of another replica that read the same id finds it no longer due.
     *
     * @return the command if this dispatcher claimed it
     */
    @Transactional
    public OutboxCommand claim(long id) {
        OffsetDateTime now = now();
        int claimed = Panache.getEntityManager()
                .createQuery("update OutboxCommand c set c.nextAttemptAt = :lease, c.attempts = c.attempts + 1 "
                        + "where c.id = :id and c.doneAt is null and c.nextAttemptAt <= :now")
                .setParameter("lease", now.plus(CLAIM_LEASE)).setParameter("id", id).setParameter("now", now)
                .executeUpdate();
        if (claimed == 0) {
            return null;
        }
        OutboxCommand command = OutboxCommand.findById(id);
        Panache.getEntityManager().detach(command);
        return command;
    }

    @Transactional
    public void markDone(long id, Long processInstanceKey) {
        OutboxCommand command = OutboxCommand.findById(id);
        command.doneAt = now();
        command.lastError = null;
        if (processInstanceKey != null) {
            // the first instance recorded for a case is its instance (the workers may have been
            // quicker); workers cancel any other
            cases.recordFirst(command.caseId, processInstanceKey);
        }
    }

    @Transactional
    public void markFailed(long id, String error) {
        OutboxCommand command = OutboxCommand.findById(id);
        command.lastError = error.length() > 500 ? error.substring(0, 500) : error;
        command.nextAttemptAt = now().plus(backoff(command.attempts));
    }

    /** 1 s, 2 s, 4 s … up to 5 minutes between tries while the engine is unavailable. */
    static Duration backoff(int attempts) {
        long seconds = 1L << Math.min(Math.max(attempts - 1, 0), 9);
        return Duration.ofSeconds(Math.min(seconds, 300));
    }

    @Transactional
    public Long processInstanceKeyOf(String caseId) {
        return cases.instanceOf(caseId);
    }

    @Transactional
    public long pendingCount() {
        return OutboxCommand.count("doneAt is null");
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
