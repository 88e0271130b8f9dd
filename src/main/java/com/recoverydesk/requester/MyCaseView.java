package com.recoverydesk.requester;

import com.recoverydesk.reset.ResetStatusView;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The requester's view of their case: what the API answers and the case page shows. {@code reset}
 * is set once the reset is announced: T, and after the reset the withdrawal lock.
 */
public record MyCaseView(String ticketRef, String status, String statusInWords, List<RequirementView> requiredEvidence,
                         List<EvidenceView> evidence, List<MessageView> messages, boolean canUpload, boolean canSubmit,
                         boolean canWithdraw, ResetStatusView reset) {

    /** A requirement, met by any one of its kinds, and why it is asked for. */
    public record RequirementView(List<String> anyOf, String label, String why, boolean satisfied) {}

    public record EvidenceView(String evidenceId, String kind, String contentType, long sizeBytes, String sha256,
                               OffsetDateTime uploadedAt, boolean submitted) {}

    public record MessageView(String from, String body, OffsetDateTime at) {}
}
