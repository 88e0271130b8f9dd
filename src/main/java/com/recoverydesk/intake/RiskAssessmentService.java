package com.recoverydesk.intake;

import com.recoverydesk.accounts.AccountDirectory;
import com.recoverydesk.accounts.CustomerAccount;
import com.recoverydesk.audit.Actor;
import com.recoverydesk.audit.AuditTrail;
import com.recoverydesk.cases.CaseStatus;
import com.recoverydesk.cases.EvidenceRequirements;
import com.recoverydesk.cases.RecoveryCase;
import com.recoverydesk.sla.SlaConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Step 3 of the case: the risk assessment, which decides the evidence asked for and the evidence timers. */
@ApplicationScoped
public class RiskAssessmentService {

    private final AccountDirectory directory;
    private final SlaConfig sla;
    private final AuditTrail audit;

    public RiskAssessmentService(AccountDirectory directory, SlaConfig sla, AuditTrail audit) {
        this.directory = directory;
        this.sla = sla;
        this.audit = audit;
    }

    public record RiskResult(String riskLevel, List<String> requiredEvidence, String evidenceReminderAfter, String evidenceTimeout) {}

    /**
     * Assesses the case once; a repeated call (a job delivered twice) returns the stored result.
     *
     * @throws IllegalStateException if the case or its account is unknown (a technical fault: the job is retried)
     */
    @Transactional
    public RiskResult assessRisk(String caseId) {
        RecoveryCase recoveryCase = RecoveryCase.findById(caseId);
        if (recoveryCase == null) {
            throw new IllegalStateException("unknown case " + caseId);
        }
        if (recoveryCase.riskLevel == null) {
            CustomerAccount account = directory.findByRef(recoveryCase.accountRef)
                    .orElseThrow(() -> new IllegalStateException("the directory no longer knows the account of case " + caseId));
            OffsetDateTime since = OffsetDateTime.now(ZoneOffset.UTC).minusDays(180);
            List<RecoveryCase> earlier = RecoveryCase.list("accountRef = ?1 and id <> ?2 and openedAt > ?3", account.accountRef(), caseId, since);
            boolean anyRejectedOrFrozen = earlier.stream().anyMatch(c -> c.status == CaseStatus.REJECTED || c.status == CaseStatus.FROZEN);
            RiskPolicy.Assessment assessment = RiskPolicy.assess(account, new RiskPolicy.History(earlier.size(), anyRejectedOrFrozen),
                    Optional.ofNullable(recoveryCase.requestCountry), Instant.now());
            recoveryCase.riskLevel = assessment.level().name();
            recoveryCase.requiredEvidence = EvidenceRequirements.encode(EvidenceRequirements.forRiskLevel(recoveryCase.riskLevel));
            recoveryCase.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
            audit.record(Actor.system(), "case.risk-assessed", caseId,
                    Map.of("riskLevel", recoveryCase.riskLevel, "points", assessment.points(), "reasons", assessment.reasons()));
        }
        List<String> required = EvidenceRequirements.decode(recoveryCase.requiredEvidence).stream()
                .map(r -> String.join("|", r.anyOf())).toList();
        return new RiskResult(recoveryCase.riskLevel, required, sla.evidenceReminderAfter().toString(), sla.evidenceTimeout().toString());
    }
}
