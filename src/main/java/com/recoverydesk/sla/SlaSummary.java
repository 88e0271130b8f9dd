package com.recoverydesk.sla;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * The desk at a glance (DESIGN.md §9 {@code GET /api/v1/sla/summary}).
 *
 * @param backlogByStatus      open cases per status
 * @param openTasks            queue entries waiting, per queue (REVIEW, APPROVAL)
 * @param breachedTasks        queue entries past their due time, per queue
 * @param oldestOpenCaseSince  when the oldest open case was opened (null if none)
 * @param openedLast24h        cases opened in the last 24 hours
 * @param closedLast7dByOutcome cases closed in the last 7 days, per final status
 */
public record SlaSummary(Map<String, Long> backlogByStatus, Map<String, Long> openTasks, Map<String, Long> breachedTasks,
                         OffsetDateTime oldestOpenCaseSince, long openedLast24h, Map<String, Long> closedLast7dByOutcome,
                         OffsetDateTime at) {}
