package com.recoverydesk.evidence;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * What an uploaded image said about itself before its metadata was stripped, and its perceptual
 * hash: the raw material of the machine checks ({@link EvidenceChecks}).
 *
 * @param capturedAt       the camera's capture time (EXIF DateTimeOriginal, else DateTimeDigitized), as the camera's clock showed it
 * @param captureOffset    the time zone offset the camera recorded with it (EXIF OffsetTimeOriginal), if any
 * @param softwareNamed    every program the metadata names (EXIF Software, XMP CreatorTool, PNG text "Software", a
 *                         Photoshop resource block), as written, cut to a sensible length
 * @param dHash            the 64-bit difference hash of the decoded (upright) image, see {@link ImageSanitizer#dHash}
 * @param trailingBytes    bytes that followed the end of the image (after JPEG EOI or PNG IEND) and were dropped
 * @param metadataReadable false when the metadata was damaged and could not be read (the image itself decoded)
 */
public record ImageFacts(Optional<LocalDateTime> capturedAt, Optional<ZoneOffset> captureOffset, List<String> softwareNamed,
                         long dHash, long trailingBytes, boolean metadataReadable) {
}
