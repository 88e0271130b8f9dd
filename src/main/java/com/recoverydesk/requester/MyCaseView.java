package com.recoverydesk.requester;

import com.recoverydesk.reset.ResetStatusView;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The requester's view of their case: what the API answers and the case page shows.
 *
 * @param statusLabel a short plain name of the status, for the badge
 * @param open        the case is still going; when false, the page offers a new request
 * @param deskWorking the desk (or the process) is doing something the requester waits for: the page refreshes itself
 * @param reset       set once the reset is announced: T, and after the reset the withdrawal lock
 */
public record MyCaseView(String ticketRef, String status, String statusInWords, List<RequirementView> requiredEvidence,
                         List<EvidenceView> evidence, List<MessageView> messages, boolean canUpload, boolean canSubmit,
                         boolean canWithdraw, String statusLabel, boolean open, boolean deskWorking, ResetStatusView reset) {

    /** A requirement, met by any one of its kinds, and why it is asked for. */
    public record RequirementView(List<String> anyOf, String label, String why, boolean satisfied) {}

    public record EvidenceView(String evidenceId, String kind, String contentType, long sizeBytes, String sha256,
                               OffsetDateTime uploadedAt, boolean submitted, String kindLabel, String typeInWords,
                               String sizeInWords, String uploadedAtInWords) {}

    public record MessageView(String from, String body, OffsetDateTime at, String atInWords) {}
}
