package com.recoverydesk.audit;

import java.util.List;

/**
 * A page of events in ascending seq (chain) order. {@code nextAfter} is the value to pass as
 * {@code after} for the next page, or null on the last page.
 */
public record AuditEventPage(List<AuditEventView> events, Long nextAfter) {
}
