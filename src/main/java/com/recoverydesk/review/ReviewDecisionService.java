package com.recoverydesk.review;

import com.recoverydesk.audit.Actor;
import com.recoverydesk.audit.AuditTrail;
import com.recoverydesk.cases.CaseStatus;
import com.recoverydesk.cases.RecoveryCase;
import com.recoverydesk.identity.Roles;
import com.recoverydesk.process.Outbox;
import com.recoverydesk.process.RecoveryProcess;
import com.recoverydesk.sla.SlaBreach;
import com.recoverydesk.sla.SlaTracking;
import com.recoverydesk.web.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The decisions of the human steps (DESIGN.md §3 steps 5–6): the review by the agent who claimed
 * the case, and the second approval by a supervisor who did not review it. Each decision completes
 * its queue entry and publishes its message through the outbox with a message id of the entry's
 * round, in the same transaction; a repeated submit of the same decision answers the recorded one.
 */
@ApplicationScoped
public class ReviewDecisionService {

    /** Rounds of questions to the requester a case may have; after them only APPROVE or REJECT. */
    public static final int MAX_MORE_INFO_ROUNDS = 3;

    static final String REVIEW_MESSAGE = "reviewMessage";
    static final String REJECTION_REASON = "rejectionReason";
    /** The reason's name, so that the rejection notice can say it in the requester's language. */
    static final String REJECTION_REASON_CODE = "rejectionReasonCode";
    /** What the requester is told when the second approval is denied; the supervisor's note stays internal. */
    static final String DENIED_REASON = "the second check of your documents did not let us confirm that the account is yours.";

    private final ReviewQueue queue;
    private final SeparationOfDuties duties;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final SlaTracking slaTracking;

    public ReviewDecisionService(ReviewQueue queue, SeparationOfDuties duties, Outbox outbox, AuditTrail audit, SlaTracking slaTracking) {
        this.queue = queue;
        this.duties = duties;
        this.outbox = outbox;
        this.audit = audit;
        this.slaTracking = slaTracking;
    }

    @Transactional(dontRollbackOn = RefusedAttempt.class)
    public DecisionResponse decideReview(String caseId, Staff staff, ReviewDecisionRequest request) {
        RecoveryCase recoveryCase = lockCase(caseId);
        duties.requireNotOwnAccount(staff, recoveryCase, "review-decision");
        String decision = upper(request == null ? null : request.decision());
        if (!"APPROVE".equals(decision) && !"REJECT".equals(decision) && !"REQUEST_MORE_INFO".equals(decision)) {
            throw ProblemException.badRequest("decision must be APPROVE, REJECT or REQUEST_MORE_INFO.");
        }
        Optional<ReviewTask> open = recoveryCase.status == CaseStatus.IN_REVIEW ? queue.openTaskOf(caseId, TaskQueue.REVIEW) : Optional.empty();
        if (open.isEmpty()) {
            return replay(recoveryCase, TaskQueue.REVIEW, staff, decision)
                    .orElseThrow(() -> ProblemException.conflict("This case is not waiting for a review decision."));
        }
        ReviewTask task = open.get();
        if (!staff.username().equals(task.assignee)) {
            throw duties.refuse(staff, caseId, "review-decision", SeparationOfDuties.Refusal.NOT_THE_ASSIGNEE,
                    task.assignee == null ? "Claim this case before you decide it." : "Only the staff member who claimed this case decides it.");
        }
        Checklist checklist = request.checklist() == null ? Checklist.NOTHING_TICKED : request.checklist();
        String note = trimmed(request.note(), 2000);
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put(RecoveryProcess.Variables.REVIEW_DECISION, decision);
        String reasonCode = null;
        switch (decision) {
            case "APPROVE" -> {
                if (!checklist.complete()) {
                    throw ProblemException.badRequest("To approve, tick every checklist item. Not ticked: " + String.join(", ", checklist.unticked()) + ".");
                }
            }
            case "REJECT" -> {
                RejectionReason reason = RejectionReason.parse(request.reasonCode()).orElseThrow(() ->
                        ProblemException.badRequest("A rejection needs a reason code: " + String.join(", ",
                                java.util.Arrays.stream(RejectionReason.values()).map(Enum::name).toList()) + "."));
                reasonCode = reason.name();
                variables.put(REJECTION_REASON, reason.toRequester());
                variables.put(REJECTION_REASON_CODE, reason.name());
            }
            default -> {
                if (task.round >= MAX_MORE_INFO_ROUNDS) {
                    throw ProblemException.conflict("This case had " + MAX_MORE_INFO_ROUNDS
                            + " rounds of questions already: approve or reject it.");
                }
                String question = trimmed(request.message(), 2000);
                if (question == null) {
                    question = note;
                }
                if (question == null) {
                    throw ProblemException.badRequest("Write the message to the requester: what is missing or what to do again.");
                }
                variables.put(REVIEW_MESSAGE, question);
            }
        }
        ReviewDecision recorded = record(task, staff, decision, reasonCode, checklist, note);
        recoveryCase.status = "APPROVE".equals(decision) ? CaseStatus.AWAITING_APPROVAL : recoveryCase.status;
        recoveryCase.updatedAt = recorded.decidedAt;
        slaTracking.stepDone(caseId, SlaBreach.Kind.REVIEW, task.round, recoveryCase.riskLevel, task.createdAt, task.dueAt, recorded.decidedAt);
        switch (decision) {
            // more information: the desk waits on the requester, so the SLA clock pauses until they submit again
            case "REQUEST_MORE_INFO" -> slaTracking.pause(caseId, recorded.decidedAt);
            case "REJECT" -> slaTracking.resolved(caseId, recorded.decidedAt);
            default -> { }
        }
        outbox.publishMessage(caseId, RecoveryProcess.Messages.REVIEW_DECIDED, "review-decided:" + caseId + ":" + task.round, variables);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("taskId", task.id);
        details.put("round", task.round);
        details.put("decision", decision);
        details.put("checklist", checklist.ticked());
        if (reasonCode != null) {
            details.put("reasonCode", reasonCode);
        }
        audit.record(Actor.staff(staff.username(), staff.roleFor(TaskQueue.REVIEW)), "review.decided", caseId, details);
        return response(recoveryCase, recorded);
    }

    @Transactional(dontRollbackOn = RefusedAttempt.class)
    public DecisionResponse decideApproval(String caseId, Staff staff, ApprovalDecisionRequest request) {
        RecoveryCase recoveryCase = lockCase(caseId);
        duties.requireNotOwnAccount(staff, recoveryCase, "approval-decision");
        duties.requireNotReviewer(staff, caseId, "approval-decision");
        String decision = upper(request == null ? null : request.decision());
        if (!"APPROVE".equals(decision) && !"DENY".equals(decision)) {
            throw ProblemException.badRequest("decision must be APPROVE or DENY.");
        }
        Optional<ReviewTask> open = recoveryCase.status == CaseStatus.AWAITING_APPROVAL ? queue.openTaskOf(caseId, TaskQueue.APPROVAL) : Optional.empty();
        if (open.isEmpty()) {
            return replay(recoveryCase, TaskQueue.APPROVAL, staff, decision)
                    .orElseThrow(() -> ProblemException.conflict("This case is not waiting for a second approval."));
        }
        ReviewTask task = open.get();
        if (task.assignee != null && !task.assignee.equals(staff.username())) {
            throw duties.refuse(staff, caseId, "approval-decision", SeparationOfDuties.Refusal.NOT_THE_ASSIGNEE,
                    "Another supervisor claimed this approval.");
        }
        String note = trimmed(request.note(), 2000);
        if ("DENY".equals(decision) && note == null) {
            throw ProblemException.badRequest("Write a note saying why the reset is denied.");
        }
        if (task.assignee == null) {
            // deciding an unclaimed approval claims it: one step less for the supervisor on the go
            task.assignee = staff.username();
            task.claimedAt = OffsetDateTime.now(ZoneOffset.UTC);
        }
        ReviewDecision recorded = record(task, staff, decision, null, Checklist.NOTHING_TICKED, note);
        recoveryCase.updatedAt = recorded.decidedAt;
        slaTracking.stepDone(caseId, SlaBreach.Kind.APPROVAL, task.round, recoveryCase.riskLevel, task.createdAt, task.dueAt,
                recorded.decidedAt);
        // the second approval is the desk's final answer either way: the reset is announced, or the request denied
        slaTracking.resolved(caseId, recorded.decidedAt);
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put(RecoveryProcess.Variables.APPROVAL_DECISION, decision);
        if ("DENY".equals(decision)) {
            variables.put(REJECTION_REASON, DENIED_REASON);
            variables.put(REJECTION_REASON_CODE, "SECOND_APPROVAL_DENIED");
        }
        outbox.publishMessage(caseId, RecoveryProcess.Messages.APPROVAL_DECIDED, "approval-decided:" + caseId + ":" + task.round, variables);
        audit.record(Actor.staff(staff.username(), Roles.SUPERVISOR), "approval.decided", caseId,
                Map.of("taskId", task.id, "round", task.round, "decision", decision));
        return response(recoveryCase, recorded);
    }

    private ReviewDecision record(ReviewTask task, Staff staff, String decision, String reasonCode, Checklist checklist, String note) {
        ReviewDecision recorded = new ReviewDecision();
        recorded.caseId = task.caseId;
        recorded.taskId = task.id;
        recorded.queue = task.queue;
        recorded.round = task.round;
        recorded.decidedBy = staff.username();
        recorded.decision = decision;
        recorded.reasonCode = reasonCode;
        recorded.checklist = checklist.encode();
        recorded.note = note;
        recorded.decidedAt = OffsetDateTime.now(ZoneOffset.UTC);
        recorded.persist();
        task.completedAt = recorded.decidedAt;
        return recorded;
    }

    /** The same staff member sending the same decision again (a double submit): the recorded one. */
    private static Optional<DecisionResponse> replay(RecoveryCase recoveryCase, TaskQueue taskQueue, Staff staff, String decision) {
        return ReviewDecision.<ReviewDecision>find("caseId = ?1 and queue = ?2 order by round desc, decidedAt desc", recoveryCase.id, taskQueue)
                .firstResultOptional()
                .filter(d -> d.decidedBy.equals(staff.username()) && d.decision.equals(decision))
                .filter(d -> d.round == recoveryCase.moreInfoRounds)
                .map(d -> response(recoveryCase, d));
    }

    private static DecisionResponse response(RecoveryCase recoveryCase, ReviewDecision decision) {
        return new DecisionResponse(recoveryCase.id, recoveryCase.ticketRef, decision.queue.name(), decision.decision, decision.round,
                decision.decidedBy, decision.decidedAt, recoveryCase.status.name());
    }

    private static RecoveryCase lockCase(String caseId) {
        RecoveryCase recoveryCase = caseId == null ? null : RecoveryCase.findById(caseId, LockModeType.PESSIMISTIC_WRITE);
        if (recoveryCase == null) {
            throw ProblemException.notFound("No such case.");
        }
        return recoveryCase;
    }

    private static String upper(String value) {
        return value == null ? null : value.trim().toUpperCase(Locale.ROOT);
    }

    private static String trimmed(String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String t = value.strip();
        return t.length() > max ? t.substring(0, max) : t;
    }
}
