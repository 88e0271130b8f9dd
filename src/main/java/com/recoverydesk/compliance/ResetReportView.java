package com.recoverydesk.compliance;

import java.time.Instant;
import java.util.List;

/**
 * The reset report of a period ({@code from} inclusive, {@code to} exclusive): every reset done in
 * it, every objection raised in it and every freeze that began in it, oldest first.
 */
public record ResetReportView(Instant from, Instant to, Instant generatedAt, List<Reset> resets, List<Objection> objections,
                              List<Freeze> freezes) {

    /**
     * @param reviewer           the agent (or supervisor) whose review approved the reset
     * @param approver           the supervisor who gave the second approval
     * @param evidenceSha256     the SHA-256 of each file sent to review, as uploaded, "KIND:hash"
     * @param filedAt            when the requester filed the request at intake
     * @param filingToResetSeconds from filing to the reset
     * @param coolingOffSeconds  from the announcement to the announced time T of the round that ended in the reset
     * @param objections         objections the case met, in any period
     * @param freezes            freezes the case went through, in any period
     */
    public record Reset(String caseId, String ticketRef, String accountPseudonym, String riskLevel, String reviewer, String approver,
                        List<String> evidenceSha256, Instant filedAt, Instant announcedAt, Instant resetAt, long filingToResetSeconds,
                        Long coolingOffSeconds, int objections, int freezes) {}

    /** A "this was not me" objection to an announced reset. */
    public record Objection(String caseId, String ticketRef, String accountPseudonym, int round, Instant announcedAt,
                            Instant announcedResetAt, Instant objectedAt) {}

    /** A case frozen by an objection, and its reopening by a supervisor if there was one. */
    public record Freeze(String caseId, String ticketRef, String accountPseudonym, int round, Instant frozenAt, Instant reopenedAt,
                         String reopenedBy) {}
}
