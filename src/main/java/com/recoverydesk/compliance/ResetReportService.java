package com.recoverydesk.compliance;

import com.recoverydesk.audit.Actor;
import com.recoverydesk.audit.AuditTrail;
import com.recoverydesk.cases.RecoveryCase;
import com.recoverydesk.evidence.EvidenceFile;
import com.recoverydesk.intake.RecoveryRequest;
import com.recoverydesk.reset.AccountReset;
import com.recoverydesk.reset.CaseFreeze;
import com.recoverydesk.reset.ResetAnnouncement;
import com.recoverydesk.review.ReviewDecision;
import com.recoverydesk.review.TaskQueue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reset report (issue 9 item 5, docs/compliance.md "The reset report"). A read model over the
 * tables of the reset, the review, the evidence and the case: it only reads them. Reading it is
 * recorded in the audit trail, like compliance's other searches.
 */
@ApplicationScoped
public class ResetReportService {

    private final AuditTrail audit;

    public ResetReportService(AuditTrail audit) {
        this.audit = audit;
    }

    /** The report of [{@code from}, {@code to}), read on behalf of {@code who}; {@code format} is recorded with it. */
    @Transactional
    public ResetReportView report(Instant from, Instant to, String format, Actor who) {
        OffsetDateTime start = from.atOffset(ZoneOffset.UTC);
        OffsetDateTime end = to.atOffset(ZoneOffset.UTC);
        Map<String, RecoveryCase> casesById = new HashMap<>();

        List<ResetReportView.Reset> resets = AccountReset.<AccountReset>list("resetAt >= ?1 and resetAt < ?2 order by resetAt, caseId", start, end)
                .stream().map(reset -> resetRow(reset, caseOf(reset.caseId, casesById))).toList();
        List<ResetReportView.Objection> objections = ResetAnnouncement
                .<ResetAnnouncement>list("objectedAt >= ?1 and objectedAt < ?2 order by objectedAt, caseId", start, end).stream()
                .map(a -> new ResetReportView.Objection(a.caseId, caseOf(a.caseId, casesById).ticketRef, AccountPseudonym.of(a.accountRef), a.round,
                        a.announcedAt.toInstant(), a.resetAt.toInstant(), a.objectedAt.toInstant()))
                .toList();
        List<ResetReportView.Freeze> freezes = CaseFreeze.<CaseFreeze>list("frozenAt >= ?1 and frozenAt < ?2 order by frozenAt, caseId", start, end)
                .stream().map(f -> {
                    RecoveryCase c = caseOf(f.caseId, casesById);
                    return new ResetReportView.Freeze(f.caseId, c.ticketRef, AccountPseudonym.of(c.accountRef), f.round, f.frozenAt.toInstant(),
                            f.reopenedAt == null ? null : f.reopenedAt.toInstant(), f.reopenedBy);
                }).toList();

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("from", from.toString());
        details.put("to", to.toString());
        details.put("format", format);
        details.put("resets", resets.size());
        details.put("objections", objections.size());
        details.put("freezes", freezes.size());
        audit.record(who, "compliance.reset-report", null, details);
        return new ResetReportView(from, to, Instant.now(), resets, objections, freezes);
    }

    private static RecoveryCase caseOf(String caseId, Map<String, RecoveryCase> cache) {
        return cache.computeIfAbsent(caseId, id -> RecoveryCase.<RecoveryCase>findByIdOptional(id)
                .orElseThrow(() -> new IllegalStateException("reset of a case that does not exist")));
    }

    private static ResetReportView.Reset resetRow(AccountReset reset, RecoveryCase c) {
        List<ReviewDecision> decisions = ReviewDecision.ofCase(c.id);
        String reviewer = lastApproval(decisions, TaskQueue.REVIEW);
        String approver = lastApproval(decisions, TaskQueue.APPROVAL);
        List<String> hashes = EvidenceFile.<EvidenceFile>list("caseId = ?1 and submittedInRound is not null order by submittedInRound, uploadedAt, id", c.id)
                .stream().map(f -> f.kind.name() + ":" + f.originalSha256).toList();
        Instant filedAt = RecoveryRequest.<RecoveryRequest>find("caseId = ?1 order by createdAt", c.id).firstResultOptional()
                .map(r -> r.createdAt.toInstant()).orElse(c.openedAt.toInstant());
        List<ResetAnnouncement> announcements = ResetAnnouncement.list("caseId = ?1 order by round", c.id);
        // the round that ended in the reset: the last one nobody objected to
        Optional<ResetAnnouncement> last = announcements.stream().filter(a -> a.objectedAt == null).max(Comparator.comparingInt(a -> a.round));
        int objections = (int) announcements.stream().filter(a -> a.objectedAt != null).count();
        int freezes = (int) CaseFreeze.count("caseId", c.id);
        Instant resetAt = reset.resetAt.toInstant();
        return new ResetReportView.Reset(c.id, c.ticketRef, AccountPseudonym.of(reset.accountRef), c.riskLevel, reviewer, approver, hashes,
                filedAt, last.map(a -> a.announcedAt.toInstant()).orElse(null), resetAt,
                Duration.between(filedAt, resetAt).toSeconds(),
                last.map(a -> Duration.between(a.announcedAt, a.resetAt).toSeconds()).orElse(null), objections, freezes);
    }

    private static String lastApproval(List<ReviewDecision> decisions, TaskQueue queue) {
        return decisions.stream().filter(d -> d.queue == queue && "APPROVE".equals(d.decision))
                .max(Comparator.comparingInt((ReviewDecision d) -> d.round).thenComparing(d -> d.decidedAt)).map(d -> d.decidedBy).orElse(null);
    }
}
