package com.recoverydesk.review;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A case as the desk reviews it (DESIGN.md §9 {@code GET /api/v1/cases/{caseId}}, and the case
 * page): the request, the risk assessment and its reasons, the evidence of every round with its
 * checks, the KYC data on file, the messages, the decisions and the timeline.
 *
 * @param kyc null for roles that do not review (compliance, manager, admin), and when the directory holds none
 */
public record CaseFileView(String caseId, String ticketRef, String status, String riskLevel, List<String> riskReasons,
                           String description, OffsetDateTime openedAt, String requestCountry, List<String> requiredEvidence,
                           List<EvidenceView> evidence, List<HistoryView> history, List<MessageView> messages, KycView kyc,
                           AccountView account, TaskStateView reviewTask, TaskStateView approvalTask, List<DecisionView> decisions,
                           int moreInfoRoundsUsed, int moreInfoRoundsLeft) {

    /**
     * @param checks facts about the file found by the machine; the checks of issue 7 item 4 join
     *               the one made at upload (its format, found from its bytes)
     */
    public record EvidenceView(String evidenceId, String kind, String kindLabel, String sha256, String contentType, long sizeBytes,
                               OffsetDateTime uploadedAt, Integer round, List<EvidenceCheckView> checks, String contentUrl) {
        public boolean isImage() {
            return contentType.startsWith("image/");
        }

        public boolean isVideo() {
            return contentType.startsWith("video/");
        }
    }

    /** @param outcome {@code PASSED}, {@code FLAGGED} or {@code INFO} */
    public record EvidenceCheckView(String check, String outcome, String detail, String relatedTicketRef) {
        public boolean isFlagged() {
            return "FLAGGED".equals(outcome);
        }
    }

    public record HistoryView(OffsetDateTime time, String actor, String role, String action, String summary) {}

    public record MessageView(String author, String body, OffsetDateTime createdAt) {}

    public record KycView(String name, LocalDate dateOfBirth, String documentNumberLastDigits, String country) {}

    /** @param status {@code ACTIVE} or {@code CLOSED}, as the account directory says */
    /**
     * The account's security state (no secrets), and the reset's course once announced.
     *
     * @param resetAt    T, the announced time of the reset (null before the announcement)
     * @param resetDone  the authenticators were removed, the sessions revoked and withdrawals locked
     */
    public record AccountView(String status, int authenticators, java.time.Instant withdrawalLockedUntil, java.time.Instant sessionsRevokedAt,
                              String resetAt, boolean resetDone) {}

    public record TaskStateView(String taskId, int round, String assignee, OffsetDateTime dueAt, boolean overdue, boolean atRisk,
                                OffsetDateTime escalatedAt) {}

    public record DecisionView(String queue, int round, String decidedBy, String decision, String reasonCode,
                               List<String> checklistTicked, String note, OffsetDateTime decidedAt) {}
}
