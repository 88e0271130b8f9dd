package com.recoverydesk.workers;

import com.recoverydesk.process.RecoveryProcess.Errors;
import com.recoverydesk.process.RecoveryProcess.Variables;
import com.recoverydesk.reset.ObjectionService;
import com.recoverydesk.reset.ResetService;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/** Jobs of the controlled reset: the announcement, the freeze after an objection, the reset, telling the customer. */
@ApplicationScoped
public class ResetWorker {

    private final ResetService reset;
    private final ObjectionService objections;
    private final CamundaClient client;

    public ResetWorker(ResetService reset, ObjectionService objections, CamundaClient client) {
        this.reset = reset;
        this.objections = objections;
        this.client = client;
    }

    /** {@code announce-reset}: every registered address is told of T; {@code coolingOff} is the time left until T. */
    Map<String, Object> announceReset(ActivatedJob job) {
        ResetService.Announced announced = reset.announceReset(Jobs.caseId(job));
        return Map.of(Variables.COOLING_OFF, announced.remaining().toString(), "resetAt", announced.resetAt().toString());
    }

    /** {@code freeze-case}: someone objected; the case is frozen and escalated. */
    Map<String, Object> freezeCase(ActivatedJob job) {
        objections.freeze(Jobs.caseId(job));
        return Map.of();
    }

    /** {@code reset-2fa}: the reset, once; a closed account and a late objection are business outcomes (BPMN errors). */
    Map<String, Object> reset2fa(ActivatedJob job) {
        return switch (reset.resetTwoFactor(Jobs.caseId(job))) {
            case RESET -> Map.of();
            case OBJECTED -> throw new BusinessError(Errors.RESET_OBJECTED, "objected as the cooling-off ended");
            case NOT_ELIGIBLE -> {
                // the rejection notice reads this; an error carries no variables on every engine version, so set them first
                client.newSetVariablesCommand(job.getProcessInstanceKey())
                        .variables(Map.of(ClosureWorker.REJECTION_REASON, "the account is closed, and the two-factor authentication of a closed account is not reset.",
                                ClosureWorker.REJECTION_REASON_CODE, "ACCOUNT_CLOSED"))
                        .send().join();
                throw new BusinessError(Errors.ACCOUNT_NOT_ELIGIBLE, "account not eligible for a reset");
            }
        };
    }

    /** {@code notify-reset-complete}: the re-enrolment link goes to the customer. */
    Map<String, Object> notifyResetComplete(ActivatedJob job) {
        reset.notifyResetComplete(Jobs.caseId(job));
        return Map.of();
    }
}
