package com.recoverydesk.cases;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The ledger of side effects done for a case, keyed (case, step): a job delivered twice finds its
 * step already done and does nothing again (DESIGN.md §6).
 */
@ApplicationScoped
public class CaseSteps {

    /**
     * Records the step in the caller's transaction.
     *
     * @return true the first time; false if the step was already done
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstTime(String caseId, String stepKey) {
        int inserted = Panache.getEntityManager()
                .createNativeQuery("insert into case_step (case_id, step_key, done_at) values (?1, ?2, ?3) on conflict do nothing")
                .setParameter(1, caseId).setParameter(2, stepKey).setParameter(3, OffsetDateTime.now(ZoneOffset.UTC))
                .executeUpdate();
        return inserted == 1;
    }
}
