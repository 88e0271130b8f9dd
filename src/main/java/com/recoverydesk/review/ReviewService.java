package com.recoverydesk.review;

import com.recoverydesk.audit.Actor;
import com.recoverydesk.audit.AuditTrail;
import com.recoverydesk.cases.CaseStatus;
import com.recoverydesk.cases.RecoveryCase;
import com.recoverydesk.sla.SlaConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

/** The review step: the case enters the agents' queue with the due time its risk level gives. */
@ApplicationScoped
public class ReviewService {

    private final ReviewQueue queue;
    private final SlaConfig sla;
    private final AuditTrail audit;

    public ReviewService(ReviewQueue queue, SlaConfig sla, AuditTrail audit) {
        this.queue = queue;
        this.sla = sla;
        this.audit = audit;
    }

    public record OpenedReview(String taskId, OffsetDateTime dueAt, OffsetDateTime warningAt) {}

    /** Opens the review of the current evidence round; opening it again returns the same entry. */
    @Transactional
    public OpenedReview openReview(String caseId) {
        RecoveryCase recoveryCase = RecoveryCase.findById(caseId);
        if (recoveryCase == null) {
            throw new IllegalStateException("unknown case " + caseId);
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Duration due = sla.reviewDueFor(recoveryCase.riskLevel == null ? "LOW" : recoveryCase.riskLevel);
        boolean isNew = ReviewTask.count("caseId = ?1 and queue = ?2 and round = ?3", caseId, TaskQueue.REVIEW, recoveryCase.moreInfoRounds) == 0;
        ReviewTask task = queue.open(caseId, TaskQueue.REVIEW, recoveryCase.moreInfoRounds, now.plus(due));
        Duration untilWarning = Duration.ofMillis((long) (due.toMillis() * sla.warningAt()));
        OffsetDateTime warningAt = task.createdAt.plus(untilWarning);
        if (isNew) {
            recoveryCase.status = CaseStatus.IN_REVIEW;
            recoveryCase.updatedAt = now;
            audit.record(Actor.system(), "case.review-opened", caseId, Map.of("round", task.round, "dueAt", task.dueAt.toString()));
        }
        return new OpenedReview(task.id, task.dueAt, warningAt);
    }
}
