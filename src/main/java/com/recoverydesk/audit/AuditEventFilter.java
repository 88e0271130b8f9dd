package com.recoverydesk.audit;

import java.time.Instant;

/** What compliance narrows a search to; null fields do not filter. {@code to} is exclusive. */
public record AuditEventFilter(String caseId, String actor, Instant from, Instant to) {
}
