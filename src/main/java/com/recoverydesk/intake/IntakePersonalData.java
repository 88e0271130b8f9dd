package com.recoverydesk.intake;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** The requester's words as intake kept them, cleared with the case's other personal data (retention, erasure). */
@ApplicationScoped
public class IntakePersonalData {

    /** @return how many requests of the case were cleared */
    @Transactional(Transactional.TxType.MANDATORY)
    public int eraseOfCase(String caseId) {
        return RecoveryRequest.update("description = '' where caseId = ?1 and description <> ''", caseId);
    }
}
