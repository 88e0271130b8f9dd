package com.recoverydesk.process;

/**
 * Which process instance belongs to a case, kept by the business side (the orchestrator implements
 * it): the port moves commands and does not know what a case is. Called inside the outbox's own
 * transaction.
 */
public interface CaseInstances {

    /**
     * Records the instance as the case's unless the case has one already: the first instance recorded
     * is the case's (the workers may have been quicker); the workers cancel any other.
     */
    void recordFirst(String caseId, long processInstanceKey);

    /** @return the case's instance; null when the case is unknown or has none yet */
    Long instanceOf(String caseId);
}
