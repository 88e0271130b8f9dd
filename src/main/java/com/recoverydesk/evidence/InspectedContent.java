package com.recoverydesk.evidence;

/**
 * What inspection found out about an upload. {@code width} and {@code height} are the pixel
 * dimensions the image header declares; both are 0 for PDFs and videos.
 */
public record InspectedContent(EvidenceFormat format, int width, int height) {
}
