package com.recoverydesk.requester;

import com.recoverydesk.cases.CaseStatus;
import com.recoverydesk.web.RequesterLanguage;
import com.recoverydesk.web.RequesterWords;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * What the requester reads instead of enum names, MIME types, byte counts and ISO timestamps, in
 * the language of their page. Times are in UTC, and say so: the desk does not know the requester's time zone.
 */
final class PlainWords {

    private final RequesterWords words;
    private final DateTimeFormatter when;

    PlainWords(Locale locale) {
        this.words = RequesterLanguage.words(locale);
        this.when = DateTimeFormatter.ofPattern(words.dateTimePattern(), locale);
    }

    /** A short name for the status badge. */
    String status(CaseStatus status) {
        return switch (status) {
            case AWAITING_EVIDENCE -> words.statusAwaitingEvidence();
            case IN_REVIEW -> words.statusInReview();
            case AWAITING_APPROVAL -> words.statusAwaitingApproval();
            case COOLING_OFF -> words.statusCoolingOff();
            case RECOVERED -> words.statusRecovered();
            case REJECTED -> words.statusRejected();
            case EXPIRED -> words.statusExpired();
            case FROZEN -> words.statusFrozen();
            case WITHDRAWN -> words.statusWithdrawn();
            case CANCELLED -> words.statusCancelled();
        };
    }

    String fileType(String contentType) {
        if (contentType == null) {
            return words.typeOther();
        }
        return switch (contentType) {
            case "image/jpeg" -> words.typeJpeg();
            case "image/png" -> words.typePng();
            case "application/pdf" -> words.typePdf();
            case "video/mp4" -> words.typeMp4();
            default -> words.typeOther();
        };
    }

    String size(long bytes) {
        if (bytes < 1024) {
            return words.sizeBytes(bytes);
        }
        if (bytes < 1024 * 1024) {
            return Math.round(bytes / 1024.0) + " KB";
        }
        return String.format(Locale.ENGLISH, "%.1f MB", bytes / (1024.0 * 1024.0));
    }

    String when(OffsetDateTime time) {
        return time == null ? "" : when.format(time.withOffsetSameInstant(ZoneOffset.UTC));
    }

    RequesterWords words() {
        return words;
    }
}
