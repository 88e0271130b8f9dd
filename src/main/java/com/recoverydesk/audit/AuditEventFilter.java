package com.recoverydesk.audit;

import java.time.Instant;

/**
 * What compliance narrows a search to; null fields do not filter. {@code to} is exclusive. A
 * ticket reference is resolved to its case id before searching.
 */
public record AuditEventFilter(String caseId, String ticketRef, String actor, String action, Instant from, Instant to) {

    public static AuditEventFilter none() {
        return new AuditEventFilter(null, null, null, null, null, null);
    }

    public static AuditEventFilter ofCase(String caseId) {
        return new AuditEventFilter(caseId, null, null, null, null, null);
    }
}
