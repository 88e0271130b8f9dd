package com.recoverydesk.workers;

import com.recoverydesk.cases.CaseProgress;
import com.recoverydesk.intake.RiskAssessmentService;
import com.recoverydesk.process.RecoveryProcess.Variables;
import io.camunda.client.api.response.ActivatedJob;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/** Jobs of the case's first steps: risk assessment, asking for evidence, the reminder. */
@ApplicationScoped
public class IntakeWorker {

    private final RiskAssessmentService risk;
    private final CaseProgress progress;

    public IntakeWorker(RiskAssessmentService risk, CaseProgress progress) {
        this.risk = risk;
        this.progress = progress;
    }

    /** {@code assess-risk}: sets the risk level, the evidence asked for and the evidence timers. */
    Map<String, Object> assessRisk(ActivatedJob job) {
        RiskAssessmentService.RiskResult result = risk.assessRisk(Jobs.caseId(job));
        return Map.of(
                Variables.RISK_LEVEL, result.riskLevel(),
                Variables.REQUIRED_EVIDENCE, result.requiredEvidence(),
                Variables.EVIDENCE_REMINDER_AFTER, result.evidenceReminderAfter(),
                Variables.EVIDENCE_TIMEOUT, result.evidenceTimeout());
    }

    /** {@code request-evidence}: tells the requester what to upload and why. */
    Map<String, Object> requestEvidence(ActivatedJob job) {
        progress.requestEvidence(Jobs.caseId(job));
        return Map.of();
    }

    /** {@code send-reminder}: reminds the requester once per evidence round of what is missing. */
    Map<String, Object> sendReminder(ActivatedJob job) {
        progress.remindAboutEvidence(Jobs.caseId(job));
        return Map.of();
    }
}
