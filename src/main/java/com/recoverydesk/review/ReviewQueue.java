package com.recoverydesk.review;

import com.recoverydesk.audit.Actor;
import com.recoverydesk.audit.AuditTrail;
import com.recoverydesk.cases.RecoveryCase;
import com.recoverydesk.web.ProblemException;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The queues of the human steps. Opening an entry twice for the same round changes nothing. */
@ApplicationScoped
public class ReviewQueue {

    private final AuditTrail audit;

    public ReviewQueue(AuditTrail audit) {
        this.audit = audit;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public ReviewTask open(String caseId, TaskQueue queue, int round, OffsetDateTime dueAt) {
        Optional<ReviewTask> existing = ReviewTask.find("caseId = ?1 and queue = ?2 and round = ?3", caseId, queue, round).firstResultOptional();
        if (existing.isPresent()) {
            return existing.get();
        }
        ReviewTask task = new ReviewTask();
        task.id = UUID.randomUUID().toString();
        task.caseId = caseId;
        task.queue = queue;
        task.round = round;
        task.dueAt = dueAt;
        task.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        task.persist();
        return task;
    }

    /** Open entries of a queue, the one due first at the top. */
    @Transactional
    public List<ReviewTaskView> openTasks(TaskQueue queue) {
        // one query, the case's columns joined in, rather than a look-up per row
        return Panache.getEntityManager().createQuery("select new com.recoverydesk.review.ReviewTaskView("
                        + "t.id, t.caseId, c.ticketRef, c.riskLevel, t.dueAt, t.assignee, cast(t.queue as String)) "
                        + "from ReviewTask t, RecoveryCase c where c.id = t.caseId and t.queue = :queue and t.completedAt is null "
                        + "order by t.dueAt, t.createdAt", ReviewTaskView.class)
                .setParameter("queue", queue)
                .getResultList();
    }

    /**
     * Claims an open entry for the staff member; claiming one's own entry again is harmless,
     * an entry someone else holds is refused.
     */
    @Transactional
    public ReviewTaskView claim(String taskId, String username, TaskQueue allowedQueue) {
        ReviewTask task = ReviewTask.findById(taskId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (task == null || task.queue != allowedQueue) {
            throw ProblemException.notFound("No such task in your queue.");
        }
        if (task.completedAt != null) {
            throw ProblemException.conflict("This task is already done.");
        }
        if (task.assignee != null && !task.assignee.equals(username)) {
            throw ProblemException.conflict("This task is already claimed by someone else.");
        }
        RecoveryCase recoveryCase = RecoveryCase.findById(task.caseId);
        if (task.assignee == null) {
            task.assignee = username;
            task.claimedAt = OffsetDateTime.now(ZoneOffset.UTC);
            audit.record(Actor.staff(username, allowedQueue == TaskQueue.REVIEW ? "agent" : "supervisor"),
                    "task.claimed", task.caseId, Map.of("taskId", task.id, "queue", task.queue.name()));
        }
        return new ReviewTaskView(task.id, task.caseId, recoveryCase.ticketRef, recoveryCase.riskLevel, task.dueAt, task.assignee, task.queue.name());
    }

}
