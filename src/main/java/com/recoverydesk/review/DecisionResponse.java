package com.recoverydesk.review;

import java.time.OffsetDateTime;

/** A decision as recorded: what was decided, by whom, in which round, and the case's status after it. */
public record DecisionResponse(String caseId, String ticketRef, String queue, String decision, int round, String decidedBy,
                               OffsetDateTime decidedAt, String status) {}
