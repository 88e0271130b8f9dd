package com.recoverydesk.review;

import com.recoverydesk.audit.Actor;
import com.recoverydesk.audit.AuditTrail;
import com.recoverydesk.cases.CaseStatus;
import com.recoverydesk.cases.CaseSteps;
import com.recoverydesk.cases.RecoveryCase;
import com.recoverydesk.identity.Roles;
import com.recoverydesk.identity.StaffDirectory;
import com.recoverydesk.notify.MailService;
import com.recoverydesk.sla.SlaPolicy;
import com.recoverydesk.sla.SlaTracking;
import com.recoverydesk.web.PublicUrl;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The steps the process drives around the human ones: the case enters the agents' queue with the
 * due time its risk level gives, enters the supervisors' queue after the agent's approval, and is
 * escalated to the supervisors at the SLA warning point.
 */
@ApplicationScoped
public class ReviewService {

    private final ReviewQueue queue;
    private final SlaPolicy policy;
    private final SlaTracking slaTracking;
    private final AuditTrail audit;
    private final CaseSteps steps;
    private final StaffDirectory staffDirectory;
    private final MailService mail;
    private final PublicUrl publicUrl;

    public ReviewService(ReviewQueue queue, SlaPolicy policy, SlaTracking slaTracking, AuditTrail audit, CaseSteps steps,
                         StaffDirectory staffDirectory, MailService mail, PublicUrl publicUrl) {
        this.queue = queue;
        this.policy = policy;
        this.slaTracking = slaTracking;
        this.audit = audit;
        this.steps = steps;
        this.staffDirectory = staffDirectory;
        this.mail = mail;
        this.publicUrl = publicUrl;
    }

    public record OpenedReview(String taskId, OffsetDateTime dueAt, OffsetDateTime warningAt) {}

    /** Opens the review of the current evidence round; opening it again returns the same entry. */
    @Transactional
    public OpenedReview openReview(String caseId) {
        RecoveryCase recoveryCase = load(caseId);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        SlaPolicy.Due due = policy.reviewDue(recoveryCase.riskLevel, now.toInstant());
        boolean isNew = ReviewTask.count("caseId = ?1 and queue = ?2 and round = ?3", caseId, TaskQueue.REVIEW, recoveryCase.moreInfoRounds) == 0;
        ReviewTask task = queue.open(caseId, TaskQueue.REVIEW, recoveryCase.moreInfoRounds, utc(due.dueAt()), utc(due.warningAt()));
        OffsetDateTime warningAt = queue.warningPoint(task);
        if (isNew) {
            // the evidence is with the desk again: the case's SLA clock starts or resumes
            slaTracking.resume(caseId, recoveryCase.riskLevel, now);
            recoveryCase.status = CaseStatus.IN_REVIEW;
            recoveryCase.updatedAt = now;
            audit.record(Actor.system(), "case.review-opened", caseId, Map.of("round", task.round, "dueAt", task.dueAt.toString()));
        }
        return new OpenedReview(task.id, task.dueAt, warningAt);
    }

    /** {@code open-approval}: the agent approved; the case enters the supervisors' queue. Idempotent. */
    @Transactional
    public String openApproval(String caseId) {
        RecoveryCase recoveryCase = load(caseId);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        boolean isNew = ReviewTask.count("caseId = ?1 and queue = ?2 and round = ?3", caseId, TaskQueue.APPROVAL, recoveryCase.moreInfoRounds) == 0;
        SlaPolicy.Due due = policy.approvalDue(now.toInstant());
        ReviewTask task = queue.open(caseId, TaskQueue.APPROVAL, recoveryCase.moreInfoRounds, utc(due.dueAt()), utc(due.warningAt()));
        if (isNew) {
            if (recoveryCase.status.isOpen()) {
                recoveryCase.status = CaseStatus.AWAITING_APPROVAL;
            }
            recoveryCase.updatedAt = now;
            audit.record(Actor.system(), "case.approval-opened", caseId, Map.of("round", task.round, "dueAt", task.dueAt.toString()));
        }
        return task.id;
    }

    /**
     * {@code escalate}: the review is past its SLA warning point. The queue entry is flagged, and
     * every supervisor with an address on file is mailed once for the round; a review decided in
     * the meantime needs no escalation.
     */
    @Transactional
    public boolean escalate(String caseId, String stage) {
        RecoveryCase recoveryCase = load(caseId);
        TaskQueue taskQueue = "APPROVAL".equals(stage) ? TaskQueue.APPROVAL : TaskQueue.REVIEW;
        Optional<ReviewTask> open = queue.openTaskOf(caseId, taskQueue);
        if (open.isEmpty() || !recoveryCase.status.isOpen()) {
            return false;
        }
        ReviewTask task = open.get();
        if (!steps.firstTime(caseId, "escalated:" + taskQueue.name().toLowerCase() + ":round-" + task.round)) {
            return false;
        }
        task.escalatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        List<String> addresses = staffDirectory.withRole(Roles.SUPERVISOR).stream()
                .flatMap(s -> s.email().stream()).filter(e -> !e.isBlank()).distinct().toList();
        String link = publicUrl.of("/agent/cases/" + caseId);
        for (String address : addresses) {
            mail.send(StaffMails.escalation(address, recoveryCase.ticketRef, recoveryCase.riskLevel, task.dueAt, task.assignee, link));
        }
        audit.record(Actor.system(), "case.escalated", caseId,
                Map.of("stage", taskQueue.name(), "round", task.round, "taskId", task.id, "supervisorsNotified", addresses.size()));
        return true;
    }

    /** Open entries past their warning point or escalated, for the supervisors' banner. */
    @Transactional
    public List<ReviewTaskView> escalations() {
        return java.util.stream.Stream.concat(queue.openTasks(TaskQueue.REVIEW).stream(), queue.openTasks(TaskQueue.APPROVAL).stream())
                .filter(t -> t.escalatedAt() != null || t.overdue())
                .sorted(java.util.Comparator.comparing(ReviewTaskView::dueAt))
                .toList();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static RecoveryCase load(String caseId) {
        RecoveryCase recoveryCase = RecoveryCase.findById(caseId);
        if (recoveryCase == null) {
            throw new IllegalStateException("unknown case " + caseId);
        }
        return recoveryCase;
    }
}
