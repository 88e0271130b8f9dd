package com.recoverydesk.review;

import com.recoverydesk.audit.Actor;
import com.recoverydesk.audit.AuditTrail;
import com.recoverydesk.cases.CaseStatus;
import com.recoverydesk.cases.RecoveryCase;
import com.recoverydesk.identity.StaffDirectory;
import com.recoverydesk.sla.SlaConfig;
import com.recoverydesk.sla.SlaTracking;
import com.recoverydesk.web.ProblemException;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The queues of the human steps: opening entries, listing them due first, and who works them
 * (claim, release, a supervisor's reassignment). Opening an entry twice for the same round changes
 * nothing; entries of closed cases never show.
 */
@ApplicationScoped
public class ReviewQueue {

    private final AuditTrail audit;
    private final SlaConfig sla;
    private final SeparationOfDuties duties;
    private final StaffDirectory staffDirectory;
    private final SlaTracking slaTracking;

    public ReviewQueue(AuditTrail audit, SlaConfig sla, SeparationOfDuties duties, StaffDirectory staffDirectory, SlaTracking slaTracking) {
        this.audit = audit;
        this.sla = sla;
        this.duties = duties;
        this.staffDirectory = staffDirectory;
        this.slaTracking = slaTracking;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public ReviewTask open(String caseId, TaskQueue queue, int round, OffsetDateTime dueAt, OffsetDateTime warningAt) {
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
        task.warningAt = warningAt;
        task.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        task.persist();
        return task;
    }

    /** Open entries of a queue, the one due first at the top. */
    @Transactional
    public List<ReviewTaskView> openTasks(TaskQueue queue) {
        return openTasks(queue, TaskFilter.NONE, "");
    }

    /** Open entries of a queue that pass the filter ({@code me} is who "mine" means), due first. */
    @Transactional
    public List<ReviewTaskView> openTasks(TaskQueue queue, TaskFilter filter, String me) {
        // one query, the case's columns joined in, rather than a look-up per row
        List<Object[]> rows = Panache.getEntityManager().createQuery("select t, c.ticketRef, c.riskLevel "
                        + "from ReviewTask t, RecoveryCase c where c.id = t.caseId and t.queue = :queue and t.completedAt is null "
                        + "and c.status not in :closed order by t.dueAt, t.createdAt", Object[].class)
                .setParameter("queue", queue)
                .setParameter("closed", CaseStatus.CLOSED)
                .getResultList();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return rows.stream().map(row -> view((ReviewTask) row[0], (String) row[1], (String) row[2], now))
                .filter(task -> filter.accepts(task, me)).toList();
    }

    /** The open entry of the case in the queue, if any. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<ReviewTask> openTaskOf(String caseId, TaskQueue queue) {
        return ReviewTask.find("caseId = ?1 and queue = ?2 and completedAt is null order by round desc", caseId, queue).firstResultOptional();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public ReviewTaskView view(ReviewTask task, RecoveryCase recoveryCase) {
        return view(task, recoveryCase.ticketRef, recoveryCase.riskLevel, OffsetDateTime.now(ZoneOffset.UTC));
    }

    /**
     * Claims an open entry; claiming one's own entry again is harmless, an entry someone else holds
     * is refused (409). Nobody claims a case about their own account, nor the approval of a case
     * they reviewed (403, audited).
     */
    @Transactional(dontRollbackOn = RefusedAttempt.class)
    public ReviewTaskView claim(String taskId, Staff staff) {
        return claim(taskId, staff, null);
    }

    /** As {@link #claim(String, Staff)}, for a screen of one queue: an entry of another queue is not found there. */
    @Transactional(dontRollbackOn = RefusedAttempt.class)
    public ReviewTaskView claim(String taskId, Staff staff, TaskQueue onlyFrom) {
        ReviewTask task = lockOpenTask(taskId, staff);
        if (onlyFrom != null && task.queue != onlyFrom) {
            throw ProblemException.notFound("No such task in your queue.");
        }
        RecoveryCase recoveryCase = RecoveryCase.findById(task.caseId);
        if (task.assignee != null && task.assignee.equals(staff.username())) {
            return view(task, recoveryCase);
        }
        duties.requireNotOwnAccount(staff, recoveryCase, "claim");
        if (task.queue == TaskQueue.APPROVAL) {
            duties.requireNotReviewer(staff, task.caseId, "claim");
        }
        if (task.assignee != null) {
            throw ProblemException.conflict("This task is already claimed by someone else.");
        }
        task.assignee = staff.username();
        task.claimedAt = OffsetDateTime.now(ZoneOffset.UTC);
        if (task.queue == TaskQueue.REVIEW) {
            slaTracking.firstResponse(task.caseId, task.claimedAt);
        }
        audit.record(Actor.staff(staff.username(), staff.roleFor(task.queue)), "task.claimed", task.caseId,
                Map.of("taskId", task.id, "queue", task.queue.name(), "round", task.round));
        return view(task, recoveryCase);
    }

    /** Gives a claimed entry back to the queue: its assignee may, and a supervisor may for anyone. */
    @Transactional(dontRollbackOn = RefusedAttempt.class)
    public ReviewTaskView release(String taskId, Staff staff) {
        ReviewTask task = lockOpenTask(taskId, staff);
        RecoveryCase recoveryCase = RecoveryCase.findById(task.caseId);
        if (task.assignee == null) {
            return view(task, recoveryCase);
        }
        if (!task.assignee.equals(staff.username()) && !staff.has(com.recoverydesk.identity.Roles.SUPERVISOR)) {
            throw duties.refuse(staff, task.caseId, "release", SeparationOfDuties.Refusal.NOT_THE_ASSIGNEE,
                    "Only the staff member who claimed this task, or a supervisor, can release it.");
        }
        String previous = task.assignee;
        task.assignee = null;
        task.claimedAt = null;
        audit.record(Actor.staff(staff.username(), staff.roleFor(task.queue)), "task.released", task.caseId,
                Map.of("taskId", task.id, "queue", task.queue.name(), "previousAssignee", previous));
        return view(task, recoveryCase);
    }

    /**
     * A supervisor hands an entry to another staff member who may work it: one of the queue's roles,
     * not on their own account's case, and for an approval not one of the case's reviewers.
     */
    @Transactional(dontRollbackOn = RefusedAttempt.class)
    public ReviewTaskView reassign(String taskId, Staff supervisor, String toUsername) {
        ReviewTask task = lockOpenTask(taskId, supervisor);
        RecoveryCase recoveryCase = RecoveryCase.findById(task.caseId);
        duties.requireNotOwnAccount(supervisor, recoveryCase, "reassign");
        StaffDirectory.StaffMember target = staffDirectory.find(toUsername == null ? "" : toUsername.trim())
                .filter(StaffDirectory.StaffMember::enabled)
                .orElseThrow(() -> ProblemException.badRequest("There is no active staff member of that name."));
        Staff assignee = new Staff(target.username(), target.roles(), Optional.empty());
        if (!assignee.mayWork(task.queue)) {
            throw ProblemException.badRequest(target.username() + " does not hold a role that works this queue.");
        }
        if (duties.isOwnAccount(assignee, recoveryCase)) {
            throw ProblemException.badRequest("This case is about " + target.username() + "'s own account; choose someone else.");
        }
        if (task.queue == TaskQueue.APPROVAL && duties.reviewed(assignee, task.caseId)) {
            throw ProblemException.badRequest(target.username() + " reviewed this case and cannot give its second approval.");
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("taskId", task.id);
        details.put("queue", task.queue.name());
        details.put("from", task.assignee == null ? "" : task.assignee);
        details.put("to", target.username());
        task.assignee = target.username();
        task.claimedAt = OffsetDateTime.now(ZoneOffset.UTC);
        audit.record(Actor.staff(supervisor.username(), com.recoverydesk.identity.Roles.SUPERVISOR), "task.reassigned", task.caseId, details);
        return view(task, recoveryCase);
    }

    private ReviewTask lockOpenTask(String taskId, Staff staff) {
        ReviewTask task = taskId == null ? null : ReviewTask.findById(taskId, LockModeType.PESSIMISTIC_WRITE);
        if (task == null || !staff.mayWork(task.queue)) {
            throw ProblemException.notFound("No such task in your queue.");
        }
        RecoveryCase recoveryCase = RecoveryCase.findById(task.caseId);
        if (task.completedAt != null || !recoveryCase.status.isOpen()) {
            throw ProblemException.conflict("This task is already done.");
        }
        return task;
    }

    private ReviewTaskView view(ReviewTask task, String ticketRef, String riskLevel, OffsetDateTime now) {
        OffsetDateTime warningAt = warningPoint(task);
        boolean overdue = task.dueAt.isBefore(now);
        boolean atRisk = !overdue && (task.escalatedAt != null || !warningAt.isAfter(now));
        return new ReviewTaskView(task.id, task.caseId, ticketRef, riskLevel, task.dueAt, task.assignee, task.queue.name(), task.round,
                task.createdAt, warningAt, task.escalatedAt, atRisk, overdue);
    }

    /** The SLA warning point: as stored, else the configured share of the time between opening and due time. */
    OffsetDateTime warningPoint(ReviewTask task) {
        if (task.warningAt != null) {
            return task.warningAt;
        }
        Duration total = Duration.between(task.createdAt, task.dueAt);
        return task.createdAt.plus(Duration.ofMillis((long) (Math.max(total.toMillis(), 0) * sla.warningAt())));
    }
}
