package com.recoverydesk.compliance;

import java.time.Instant;
import java.util.List;

/**
 * A case's retention as compliance and the admin see it.
 *
 * @param purgeDueAt when the scheduled purge takes it (closing + retention), unless held
 * @param held       the purge skips it now: an unreleased hold, or a freeze never lifted
 */
public record RetentionStateView(String caseId, String ticketRef, String status, Instant closedAt, Instant purgeDueAt, boolean held,
                                 boolean openFreeze, Instant personalDataPurgedAt, String purgeReason, List<Hold> holds) {

    public record Hold(long id, String reason, String note, String placedBy, Instant placedAt, String releasedBy, Instant releasedAt,
                       String releaseNote) {}

    public boolean purged() {
        return personalDataPurgedAt != null;
    }

    public boolean closed() {
        return closedAt != null;
    }
}
