package com.recoverydesk.evidence;

/**
 * An accepted and stored upload: what the case keeps about the file. Content stays in the storage
 * under {@code objectKey}; {@code sha256} goes into the audit trail.
 *
 * @param width  pixels, for images; 0 for PDFs and videos
 * @param height pixels, for images; 0 for PDFs and videos
 */
public record StoredEvidence(EvidenceKind kind, String objectKey, EvidenceFormat format, long size, String sha256,
                             String keyId, int width, int height) {

    /** The media type to serve the content with, e.g. {@code image/jpeg}: the format found, never the one declared. */
    public String contentType() {
        return format.mediaType();
    }
}
