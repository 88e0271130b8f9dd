package com.recoverydesk.workers;

import com.recoverydesk.cases.RecoveryCase;
import com.recoverydesk.process.CaseInstances;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;

/** A case's process instance is the key on its {@link RecoveryCase} row. */
@ApplicationScoped
public class RecoveryCaseInstances implements CaseInstances {

    @Override
    public void recordFirst(String caseId, long processInstanceKey) {
        Panache.getEntityManager()
                .createQuery("update RecoveryCase c set c.processInstanceKey = :key where c.id = :id and c.processInstanceKey is null")
                .setParameter("key", processInstanceKey).setParameter("id", caseId)
                .executeUpdate();
    }

    @Override
    public Long instanceOf(String caseId) {
        RecoveryCase recoveryCase = RecoveryCase.findById(caseId);
        return recoveryCase == null ? null : recoveryCase.processInstanceKey;
    }
}
