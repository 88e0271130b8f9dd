package com.recoverydesk.review;

import java.time.OffsetDateTime;

/**
 * A queue entry as the review API shows it (DESIGN.md §9), with what the queue screens need to
 * make cases at SLA risk stand out.
 *
 * @param warningAt the SLA warning point: past it, the case is at risk and escalated
 * @param atRisk    past the warning point (or escalated) and not yet overdue
 * @param overdue   past its due time
 */
public record ReviewTaskView(String taskId, String caseId, String ticketRef, String riskLevel, OffsetDateTime dueAt,
                             String assignee, String queue, int round, OffsetDateTime createdAt, OffsetDateTime warningAt,
                             OffsetDateTime escalatedAt, boolean atRisk, boolean overdue) {}
