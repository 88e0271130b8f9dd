package com.recoverydesk.workers;

import com.recoverydesk.cases.CaseStatus;
import com.recoverydesk.cases.RecoveryCase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

/**
 * One case, one process instance. A retried start (the outbox sent it, but crashed before it
 * could mark it done) can create a second instance; the first instance to reach a worker or to
 * be recorded by the dispatcher is the case's, and any other is cancelled by the workers. So is
 * the instance of a withdrawn case whose cancellation did not reach the engine. The check runs in the
 * step's own transaction and locks the case row, so the case cannot be withdrawn between the check
 * and the step's work.
 */
@ApplicationScoped
public class CaseInstanceGuard {

    @Transactional(Transactional.TxType.MANDATORY)
    public boolean isTheCasesInstance(String caseId, long processInstanceKey) {
        RecoveryCase recoveryCase = caseId == null ? null : RecoveryCase.findById(caseId, LockModeType.PESSIMISTIC_WRITE);
        if (recoveryCase == null || recoveryCase.status == CaseStatus.WITHDRAWN) {
            return false;
        }
        if (recoveryCase.processInstanceKey == null) {
            recoveryCase.processInstanceKey = processInstanceKey;
            return true;
        }
        return recoveryCase.processInstanceKey == processInstanceKey;
    }
}
