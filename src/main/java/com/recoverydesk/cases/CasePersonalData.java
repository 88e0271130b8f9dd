package com.recoverydesk.cases;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * The personal data a case holds itself, for the retention purge and an admin's erasure: the
 * requester's description, the request's country and the messages exchanged. What stays is
 * what the record of the case needs: its ticket, status, risk level, times and the account's
 * reference (which the audit trail names too, and which is not touched).
 */
@ApplicationScoped
public class CasePersonalData {

    public static final String RETENTION = "RETENTION";
    public static final String ERASURE = "ERASURE";

    /** Closed cases whose data is still kept and which closed before {@code cutoff}, oldest first. */
    @Transactional
    public List<String> closedBefore(OffsetDateTime cutoff, int limit) {
        return RecoveryCase.<RecoveryCase>find("status in ?1 and closedAt < ?2 and personalDataPurgedAt is null order by closedAt, id",
                CaseStatus.CLOSED, cutoff).page(0, limit).list().stream().map(c -> c.id).toList();
    }

    /** The case, locked against the workers and a second purge running on another replica. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<RecoveryCase> lock(String caseId) {
        return RecoveryCase.findByIdOptional(caseId, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * Clears the case's personal fields and says when and why (in the caller's transaction).
     *
     * @return how many messages were cleared
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int erase(RecoveryCase recoveryCase, OffsetDateTime now, String reason) {
        recoveryCase.description = "";
        recoveryCase.requestCountry = null;
        recoveryCase.personalDataPurgedAt = now;
        recoveryCase.purgeReason = reason;
        return CaseMessage.update("body = '' where caseId = ?1 and body <> ''", recoveryCase.id);
    }
}
