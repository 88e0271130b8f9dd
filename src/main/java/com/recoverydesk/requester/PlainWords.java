package com.recoverydesk.requester;

import com.recoverydesk.cases.CaseStatus;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * What the requester reads instead of enum names, MIME types, byte counts and ISO timestamps.
 * Times are in UTC, and say so: the desk does not know the requester's time zone.
 */
final class PlainWords {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH);

    private PlainWords() {
    }

    /** A short name for the status badge. */
    static String status(CaseStatus status) {
        return switch (status) {
            case AWAITING_EVIDENCE -> "Waiting for your documents";
            case IN_REVIEW -> "Being checked";
            case AWAITING_APPROVAL -> "Second approval";
            case COOLING_OFF -> "Reset announced";
            case RECOVERED -> "Reset done";
            case REJECTED -> "Not approved";
            case EXPIRED -> "Closed: time ran out";
            case FROZEN -> "On hold";
            case WITHDRAWN -> "Withdrawn";
            case CANCELLED -> "Closed by the desk";
        };
    }

    static String fileType(String contentType) {
        if (contentType == null) {
            return "File";
        }
        return switch (contentType) {
            case "image/jpeg" -> "Photo (JPEG)";
            case "image/png" -> "Image (PNG)";
            case "application/pdf" -> "PDF document";
            case "video/mp4" -> "Video (MP4)";
            default -> "File";
        };
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        if (bytes < 1024 * 1024) {
            return Math.round(bytes / 1024.0) + " KB";
        }
        return String.format(Locale.ENGLISH, "%.1f MB", bytes / (1024.0 * 1024.0));
    }

    static String when(OffsetDateTime time) {
        return time == null ? "" : WHEN.format(time.withOffsetSameInstant(ZoneOffset.UTC));
    }
}
