package com.recoverydesk.evidence;

import java.util.Optional;

/**
 * An accepted and stored upload: what the case keeps about the file. Content stays in the storage
 * under {@code objectKey}.
 *
 * <p>Photos are re-encoded before they are stored ({@link ImageSanitizer}), so for them the stored
 * content differs from the upload: {@code size} and {@code sha256} describe what is stored and
 * served to staff (and are checked when it is read), {@code originalSize} and {@code originalSha256}
 * the bytes the requester sent, which the audit trail records and the requester can compare with
 * their file. For PDFs and videos, stored as uploaded, both pairs are equal.
 *
 * @param width      pixels, for images; 0 for PDFs and videos
 * @param height     pixels, for images; 0 for PDFs and videos
 * @param imageFacts what the photo's metadata said before it was stripped, and its perceptual hash; empty for PDFs and videos
 */
public record StoredEvidence(EvidenceKind kind, String objectKey, EvidenceFormat format, long size, String sha256,
                             String keyId, int width, int height, long originalSize, String originalSha256,
                             Optional<ImageFacts> imageFacts) {

    /** The media type to serve the content with, e.g. {@code image/jpeg}: the format found, never the one declared. */
    public String contentType() {
        return format.mediaType();
    }
}
