package com.recoverydesk.review;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.recoverydesk.accounts.AccountDirectory;
import com.recoverydesk.audit.Actor;
import com.recoverydesk.audit.AuditEventFilter;
import com.recoverydesk.audit.AuditEventView;
import com.recoverydesk.audit.AuditQueryService;
import com.recoverydesk.audit.AuditTrail;
import com.recoverydesk.cases.CaseMessage;
import com.recoverydesk.cases.EvidenceRequirements;
import com.recoverydesk.cases.RecoveryCase;
import com.recoverydesk.evidence.EvidenceCatalog;
import com.recoverydesk.evidence.EvidenceCheckService;
import com.recoverydesk.identity.Roles;
import com.recoverydesk.reset.AccountSecurityView;
import com.recoverydesk.reset.ResetStatusService;
import com.recoverydesk.reset.ResetStatusView;
import com.recoverydesk.review.CaseFileView.EvidenceCheckView;
import com.recoverydesk.web.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.narayana.jta.TransactionExceptionResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reading a case for the desk: the case file of the case page and the API, what the viewer may do
 * on it, and the evidence viewer, whose every view is an audit event with the viewer.
 */
@ApplicationScoped
public class CaseFileService {

    private static final int HISTORY_LIMIT = 500;

    private final EvidenceCatalog evidence;
    private final EvidenceCheckService evidenceChecks;
    private final AccountDirectory accounts;
    private final ResetStatusService resets;
    private final AuditQueryService auditQuery;
    private final AuditTrail audit;
    private final SeparationOfDuties duties;
    private final ReviewQueue queue;
    private final ObjectMapper json;

    public CaseFileService(EvidenceCatalog evidence, EvidenceCheckService evidenceChecks, AccountDirectory accounts, ResetStatusService resets, AuditQueryService auditQuery, AuditTrail audit,
                           SeparationOfDuties duties, ReviewQueue queue, ObjectMapper json) {
        this.evidence = evidence;
        this.evidenceChecks = evidenceChecks;
        this.accounts = accounts;
        this.resets = resets;
        this.auditQuery = auditQuery;
        this.audit = audit;
        this.duties = duties;
        this.queue = queue;
        this.json = json;
    }

    /** What the viewer may do on the case now; the screens offer exactly these buttons. */
    public record CaseActionsView(boolean canClaimReview, boolean canReleaseReview, boolean canDecideReview, boolean canClaimApproval,
                          boolean canDecideApproval, boolean mayReassign, String approvalRefusal, boolean supervisor) {}

    public record CaseScreen(CaseFileView file, CaseActionsView actions) {}

    /** The case file; 404 for an unknown case, 403 (audited) on a case about the viewer's own account. */
    @Transactional(dontRollbackOn = RefusedAttempt.class)
    public CaseFileView caseFile(String caseId, Staff staff) {
        return screen(caseId, staff).file();
    }

    @Transactional(dontRollbackOn = RefusedAttempt.class)
    public CaseScreen screen(String caseId, Staff staff) {
        RecoveryCase recoveryCase = caseId == null ? null : RecoveryCase.findById(caseId);
        if (recoveryCase == null) {
            throw ProblemException.notFound("No such case.");
        }
        duties.requireNotOwnAccount(staff, recoveryCase, "case-view");
        List<AuditEventView> events = auditQuery.findEvents(AuditEventFilter.ofCase(caseId), 0, HISTORY_LIMIT).events();
        boolean reviewsCases = staff.has(Roles.AGENT) || staff.has(Roles.SUPERVISOR);
        CaseFileView.KycView kyc = reviewsCases ? accounts.kycOnFile(recoveryCase.accountRef)
                .map(k -> new CaseFileView.KycView(k.name(), k.dateOfBirth().orElse(null), k.documentLastDigits().orElse(null), k.country().orElse(null)))
                .orElse(null) : null;
        Optional<ReviewTask> reviewTask = queue.openTaskOf(caseId, TaskQueue.REVIEW);
        Optional<ReviewTask> approvalTask = queue.openTaskOf(caseId, TaskQueue.APPROVAL);
        List<CaseFileView.DecisionView> decisions = ReviewDecision.ofCase(caseId).stream()
                .map(d -> new CaseFileView.DecisionView(d.queue.name(), d.round, d.decidedBy, d.decision, d.reasonCode,
                        Checklist.decode(d.checklist).ticked(), d.note, d.decidedAt))
                .toList();
        CaseFileView file = new CaseFileView(recoveryCase.id, recoveryCase.ticketRef, recoveryCase.status.name(), recoveryCase.riskLevel,
                riskReasons(events), recoveryCase.description, recoveryCase.openedAt, recoveryCase.requestCountry,
                EvidenceRequirements.decode(recoveryCase.requiredEvidence).stream().map(EvidenceRequirements.Requirement::label).toList(),
                evidenceViews(caseId),
                events.stream().map(this::history).toList(),
                CaseMessage.of(caseId).stream().map(m -> new CaseFileView.MessageView(m.author.name(), m.body, m.createdAt)).toList(),
                kyc, accountView(recoveryCase),
                reviewTask.map(t -> taskState(t, recoveryCase)).orElse(null), approvalTask.map(t -> taskState(t, recoveryCase)).orElse(null),
                decisions, recoveryCase.moreInfoRounds, Math.max(0, ReviewDecisionService.MAX_MORE_INFO_ROUNDS - recoveryCase.moreInfoRounds));
        return new CaseScreen(file, actions(staff, recoveryCase, reviewTask, approvalTask));
    }

    /**
     * A file's content for the viewer, its SHA-256 checked; the view is recorded with the viewer.
     * 403 (audited) on the viewer's own account's case.
     */
    public EvidenceCatalog.VerifiedContent view(String caseId, String evidenceId, Staff staff) {
        // a refusal commits: its audit entry must outlive the exception
        QuarkusTransaction.requiringNew()
                .exceptionHandler(e -> e instanceof RefusedAttempt ? TransactionExceptionResult.COMMIT : TransactionExceptionResult.ROLLBACK)
                .run(() -> {
                    RecoveryCase recoveryCase = RecoveryCase.findById(caseId);
                    if (recoveryCase == null) {
                        throw ProblemException.notFound("No such case.");
                    }
                    duties.requireNotOwnAccount(staff, recoveryCase, "evidence-view");
                });
        EvidenceCatalog.VerifiedContent content = evidence.readVerified(caseId, evidenceId);
        QuarkusTransaction.requiringNew().run(() -> audit.record(Actor.staff(staff.username(), staff.mainRole()), "evidence.viewed", caseId,
                Map.of("evidenceId", evidenceId, "kind", content.item().kind().name(), "sha256", content.item().sha256())));
        return content;
    }

    private CaseActionsView actions(Staff staff, RecoveryCase recoveryCase, Optional<ReviewTask> reviewTask, Optional<ReviewTask> approvalTask) {
        String me = staff.username();
        boolean open = recoveryCase.status.isOpen();
        boolean reviewer = staff.mayWork(TaskQueue.REVIEW);
        boolean supervisor = staff.has(Roles.SUPERVISOR);
        boolean canClaimReview = open && reviewer && reviewTask.map(t -> t.assignee == null).orElse(false);
        boolean canReleaseReview = open && reviewTask.map(t -> t.assignee != null && (me.equals(t.assignee) || supervisor)).orElse(false);
        boolean canDecideReview = open && reviewer && reviewTask.map(t -> me.equals(t.assignee)).orElse(false);
        String approvalRefusal = null;
        boolean mayApprove = supervisor;
        if (supervisor && duties.reviewed(staff, recoveryCase.id)) {
            mayApprove = false;
            approvalRefusal = "You reviewed this case, so its second approval must come from another supervisor.";
        }
        boolean canClaimApproval = open && mayApprove && approvalTask.map(t -> t.assignee == null).orElse(false);
        boolean canDecideApproval = open && mayApprove && approvalTask.map(t -> t.assignee == null || me.equals(t.assignee)).orElse(false);
        return new CaseActionsView(canClaimReview, canReleaseReview, canDecideReview, canClaimApproval, canDecideApproval,
                open && supervisor && (reviewTask.isPresent() || approvalTask.isPresent()), approvalRefusal, supervisor);
    }

    private CaseFileView.AccountView accountView(RecoveryCase recoveryCase) {
        Optional<ResetStatusView> reset = resets.resetOf(recoveryCase.id);
        // a directory that no longer knows the account leaves the case readable, and says so
        AccountSecurityView security = accounts.findByRef(recoveryCase.accountRef).isPresent()
                ? resets.securityOfAccount(recoveryCase.accountRef)
                : new AccountSecurityView("UNKNOWN", 0, null, null);
        return new CaseFileView.AccountView(security.status(), security.authenticators(), security.withdrawalLockedUntil(),
                security.sessionsRevokedAt(), reset.map(ResetStatusView::resetAt).orElse(null), reset.map(ResetStatusView::resetDone).orElse(false));
    }

    private CaseFileView.TaskStateView taskState(ReviewTask task, RecoveryCase recoveryCase) {
        ReviewTaskView view = queue.view(task, recoveryCase);
        return new CaseFileView.TaskStateView(task.id, task.round, task.assignee, task.dueAt, view.overdue(), view.atRisk(), task.escalatedAt);
    }

    private List<CaseFileView.EvidenceView> evidenceViews(String caseId) {
        Map<String, List<com.recoverydesk.evidence.EvidenceCheckView>> machineChecks = evidenceChecks.checksForCase(caseId);
        return evidence.ofCase(caseId).stream()
                .map(item -> evidenceView(caseId, item, machineChecks.getOrDefault(item.evidenceId(), List.of()))).toList();
    }

    private static CaseFileView.EvidenceView evidenceView(String caseId, EvidenceCatalog.EvidenceItem item,
                                                         List<com.recoverydesk.evidence.EvidenceCheckView> machineChecks) {
        List<EvidenceCheckView> checks = new ArrayList<>();
        checks.add(new EvidenceCheckView("FORMAT_BY_CONTENT", "PASSED",
                "Identified as " + item.contentType() + " from its bytes at upload; the file name and declared type were not trusted.", null));
        // the checks computed at upload (evidence/EvidenceChecks): facts for the reviewer, never a decision
        machineChecks.forEach(check -> checks.add(new EvidenceCheckView(check.code(), outcomeLabel(check.outcome()), check.reason(), check.relatedTicketRef())));
        return new CaseFileView.EvidenceView(item.evidenceId(), item.kind().name(), EvidenceRequirements.kindLabel(item.kind().name()),
                item.sha256(), item.contentType(), item.sizeBytes(), item.uploadedAt(), item.round(), checks,
                "/api/v1/cases/" + caseId + "/evidence/" + item.evidenceId() + "/content");
    }

    private static String outcomeLabel(String outcome) {
        return switch (outcome) {
            case "PASS" -> "PASSED";
            case "FLAG" -> "FLAGGED";
            default -> outcome;
        };
    }

    private List<String> riskReasons(List<AuditEventView> events) {
        return events.stream().filter(e -> e.action().equals("case.risk-assessed")).reduce((a, b) -> b)
                .map(e -> details(e.details()).get("reasons"))
                .filter(List.class::isInstance).map(reasons -> ((List<?>) reasons).stream().map(String::valueOf).toList())
                .orElse(List.of());
    }

    private CaseFileView.HistoryView history(AuditEventView event) {
        Map<String, Object> details = details(event.details());
        String summary = details.entrySet().stream().map(entry -> entry.getKey() + ": " + entry.getValue()).collect(Collectors.joining("; "));
        return new CaseFileView.HistoryView(OffsetDateTime.ofInstant(event.time(), ZoneOffset.UTC), event.actor(), event.role(), event.action(), summary);
    }

    private Map<String, Object> details(String detailsJson) {
        try {
            return json.readValue(detailsJson, new TypeReference<Map<String, Object>>() {});
        } catch (java.io.IOException e) {
            return Map.of();
        }
    }
}
