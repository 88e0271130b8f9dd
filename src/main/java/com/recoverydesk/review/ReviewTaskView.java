package com.recoverydesk.review;

import java.time.OffsetDateTime;

/** A queue entry as the review API shows it (DESIGN.md §9). */
public record ReviewTaskView(String taskId, String caseId, String ticketRef, String riskLevel, OffsetDateTime dueAt,
                             String assignee, String queue) {}
