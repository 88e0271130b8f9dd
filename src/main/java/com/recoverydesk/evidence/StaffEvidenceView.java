package com.recoverydesk.evidence;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * An evidence file as staff see it: its metadata and its machine checks. The requester's own view
 * (requester/MyCaseView) carries no checks: they are for the desk, not for someone testing what
 * passes.
 *
 * @param sha256         of the content served to staff (a photo's re-encoded copy)
 * @param originalSha256 of the bytes the requester uploaded, as in the audit trail
 * @param round          the evidence round it was submitted in; null while not yet submitted
 */
public record StaffEvidenceView(String evidenceId, String kind, String contentType, long sizeBytes, String sha256,
                                String originalSha256, long originalSizeBytes, OffsetDateTime uploadedAt, Integer round,
                                List<EvidenceCheckView> checks) {
}
