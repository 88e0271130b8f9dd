package com.recoverydesk.workers;

import com.recoverydesk.cases.CaseProgress;
import com.recoverydesk.cases.CaseStatus;
import com.recoverydesk.process.RecoveryProcess;
import io.camunda.client.api.response.ActivatedJob;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/** Jobs that end a case: telling the requester of a rejection, and closing with the outcome. */
@ApplicationScoped
public class ClosureWorker {

    static final String REJECTION_REASON = "rejectionReason";
    static final String REJECTION_REASON_CODE = "rejectionReasonCode";

    private final CaseProgress progress;

    public ClosureWorker(CaseProgress progress) {
        this.progress = progress;
    }

    /** {@code notify-rejection}: the requester hears why, in the words the decision gave. */
    Map<String, Object> notifyRejection(ActivatedJob job) {
        String reason = Jobs.stringVariable(job, REJECTION_REASON, "the documents did not let us confirm that the account is yours.");
        progress.notifyRejection(Jobs.caseId(job), reason, Jobs.stringVariable(job, REJECTION_REASON_CODE, ""));
        return Map.of();
    }

    /** {@code close-case}: the header {@code outcome} says which final status. */
    Map<String, Object> closeCase(ActivatedJob job) {
        CaseStatus outcome = CaseStatus.valueOf(Jobs.header(job, RecoveryProcess.Headers.OUTCOME));
        progress.close(Jobs.caseId(job), outcome);
        return Map.of();
    }
}
