package com.recoverydesk.evidence;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The machine checks beside each evidence file (DESIGN.md §3 step 5, docs/evidence-storage.md):
 * facts with their reasons, so that the reviewer's eye is not the only gate. None of them decides
 * anything. Pure logic: the facts come from upload ({@link ImageFacts}) and from the other cases
 * ({@link EvidenceCheckService}).
 */
public final class EvidenceChecks {

    public static final String CAPTURE_TIME = "CAPTURE_TIME";
    public static final String EDITING_SOFTWARE = "EDITING_SOFTWARE";
    public static final String SAME_FILE_IN_OTHER_CASE = "SAME_FILE_IN_OTHER_CASE";
    public static final String SIMILAR_IMAGE_IN_OTHER_CASE = "SIMILAR_IMAGE_IN_OTHER_CASE";
    public static final String DATA_AFTER_IMAGE = "DATA_AFTER_IMAGE";
    public static final String DOCUMENT_EXPIRY = "DOCUMENT_EXPIRY";

    public static final String PASS = "PASS";
    public static final String FLAG = "FLAG";
    public static final String INFO = "INFO";

    /**
     * Two photos whose dHashes differ in at most this many of 64 bits are near-identical: re-saving,
     * resizing and light colour changes stay well below it (typically 0–4), different photos of
     * similar scenes well above (about 20–32).
     */
    public static final int SIMILARITY_THRESHOLD = 10;
    /** A hash with fewer set (or unset) bits than this comes from an almost plain image, which would match any other plain one. */
    static final int MIN_STRUCTURE_BITS = 4;
    /** Cameras' clocks drift; a minute or so either way is no sign of anything. */
    public static final Duration CLOCK_TOLERANCE = Duration.ofMinutes(10);
    /** Without a recorded offset, the camera's local time may be anywhere from UTC−12 to UTC+14. */
    private static final ZoneOffset WESTMOST = ZoneOffset.ofHours(-12);
    private static final ZoneOffset EASTMOST = ZoneOffset.ofHours(14);

    /**
     * Programs whose name in the metadata means the image went through an editor. Phones and
     * cameras write their firmware there ("iOS 17.1", "G998BXXU5"), which is no such sign.
     */
    static final List<String> EDITORS = List.of("photoshop", "lightroom", "gimp", "affinity", "pixelmator", "snapseed",
            "paint.net", "picsart", "canva", "facetune", "krita", "corel", "paintshop", "luminar", "capture one", "darktable",
            "rawtherapee", "fotor", "photopea", "meitu", "polarr", "vsco", "acdsee", "photoscape", "pixlr", "picmonkey",
            "befunky", "inkscape", "photo editor", "photodirector", "faceapp", "airbrush", "remini");

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private EvidenceChecks() {
    }

    /** The same file found in another case: the newest such case, and how many other cases hold it. */
    public record SameFile(String ticketRef, int otherCases) {}

    /** The nearest photo in another case within the threshold. */
    public record Similar(String ticketRef, int distance) {}

    /**
     * @param caseOpenedAt when the request was confirmed and the case opened
     * @param uploadedAt   when this file arrived
     */
    public static List<EvidenceCheckView> of(EvidenceKind kind, EvidenceFormat format, Optional<ImageFacts> image,
                                             OffsetDateTime caseOpenedAt, OffsetDateTime uploadedAt,
                                             Optional<SameFile> sameFile, Optional<Similar> similar) {
        List<EvidenceCheckView> checks = new ArrayList<>();
        if (image.isPresent()) {
            ImageFacts facts = image.get();
            checks.add(captureTime(facts, caseOpenedAt.toInstant(), uploadedAt.toInstant()));
            checks.add(editingSoftware(facts));
        } else {
            String what = format == EvidenceFormat.PDF ? "PDFs" : "videos";
            checks.add(new EvidenceCheckView(CAPTURE_TIME, INFO, "Not read from " + what
                    + ": only photos carry a camera's capture time here. Compare the date on the note or document.", null));
            checks.add(new EvidenceCheckView(EDITING_SOFTWARE, INFO, "Not checked for " + what + ".", null));
        }
        checks.add(sameFile.map(found -> new EvidenceCheckView(SAME_FILE_IN_OTHER_CASE, FLAG,
                        "The same file (identical SHA-256) was uploaded in case " + found.ticketRef()
                                + (found.otherCases() > 1 ? " and " + (found.otherCases() - 1) + " other case(s)" : "")
                                + ". One file reused across accounts is a mark of fraud.", found.ticketRef()))
                .orElse(new EvidenceCheckView(SAME_FILE_IN_OTHER_CASE, PASS, "No other case holds this exact file.", null)));
        if (image.isPresent()) {
            checks.add(similarImage(image.get(), similar));
            long trailing = image.get().trailingBytes();
            checks.add(trailing > 0
                    ? new EvidenceCheckView(DATA_AFTER_IMAGE, INFO, String.format(Locale.ROOT, "%,d bytes followed the end of the image "
                            + "and were removed from the copy shown here. Phones' motion photos put a short clip there; "
                            + "a hidden payload sits there too.", trailing), null)
                    : new EvidenceCheckView(DATA_AFTER_IMAGE, PASS, "Nothing followed the end of the image.", null));
        }
        if (kind == EvidenceKind.ID_FRONT || kind == EvidenceKind.ID_BACK || kind == EvidenceKind.SECOND_DOCUMENT) {
            checks.add(new EvidenceCheckView(DOCUMENT_EXPIRY, INFO,
                    "The document's expiry date is not checked automatically (no text recognition): read it on the document.", null));
        }
        return checks;
    }

    static EvidenceCheckView captureTime(ImageFacts facts, Instant openedAt, Instant uploadedAt) {
        if (!facts.metadataReadable()) {
            return new EvidenceCheckView(CAPTURE_TIME, INFO, "The metadata is damaged and could not be read: the capture time is unknown.", null);
        }
        if (facts.capturedAt().isEmpty()) {
            return new EvidenceCheckView(CAPTURE_TIME, INFO, "No capture time in the metadata. Screenshots, messaging apps and "
                    + "re-saved images drop it; so does someone hiding when a photo was taken.", null);
        }
        LocalDateTime local = facts.capturedAt().get();
        Instant earliest = local.toInstant(facts.captureOffset().orElse(EASTMOST));
        Instant latest = local.toInstant(facts.captureOffset().orElse(WESTMOST));
        String taken = facts.captureOffset()
                .map(offset -> "Taken " + shown(earliest))
                .orElse("Taken " + SHOWN.format(local) + " camera time (no time zone recorded)");
        String opened = "the request was opened at " + shown(openedAt);
        if (latest.isBefore(openedAt.minus(CLOCK_TOLERANCE))) {
            String gap = readable(Duration.between(latest, openedAt));
            return new EvidenceCheckView(CAPTURE_TIME, FLAG, taken + ", " + gap + " before " + opened
                    + (facts.captureOffset().isEmpty() ? " whatever the time zone" : "") + ": the photo existed before the request.", null);
        }
        if (earliest.isAfter(uploadedAt.plus(CLOCK_TOLERANCE))) {
            return new EvidenceCheckView(CAPTURE_TIME, FLAG, taken + ", after it was uploaded at " + shown(uploadedAt)
                    + ": the camera's clock is wrong or the metadata was changed.", null);
        }
        if (!earliest.isBefore(openedAt.minus(CLOCK_TOLERANCE))) {
            return new EvidenceCheckView(CAPTURE_TIME, PASS, taken + ", after " + opened + ".", null);
        }
        return new EvidenceCheckView(CAPTURE_TIME, INFO, taken + ", close to when " + opened
                + ": before or after depends on the camera's time zone. Compare the date on the note.", null);
    }

    static EvidenceCheckView editingSoftware(ImageFacts facts) {
        List<String> editors = facts.softwareNamed().stream().filter(EvidenceChecks::isEditor).toList();
        if (!editors.isEmpty()) {
            return new EvidenceCheckView(EDITING_SOFTWARE, FLAG, "The metadata names editing software: " + String.join("; ", editors) + ".", null);
        }
        if (!facts.metadataReadable()) {
            return new EvidenceCheckView(EDITING_SOFTWARE, INFO, "The metadata is damaged and could not be read.", null);
        }
        if (!facts.softwareNamed().isEmpty()) {
            return new EvidenceCheckView(EDITING_SOFTWARE, PASS, "Software named: " + String.join("; ", facts.softwareNamed())
                    + " (no known editing program). Editing that leaves no name is not ruled out.", null);
        }
        return new EvidenceCheckView(EDITING_SOFTWARE, PASS,
                "No editing software is named in the metadata. Editing that leaves no name is not ruled out.", null);
    }

    static EvidenceCheckView similarImage(ImageFacts facts, Optional<Similar> similar) {
        if (!hasStructure(facts.dHash())) {
            return new EvidenceCheckView(SIMILAR_IMAGE_IN_OTHER_CASE, INFO,
                    "The image is too plain to be compared by appearance with other cases' photos.", null);
        }
        return similar.map(found -> new EvidenceCheckView(SIMILAR_IMAGE_IN_OTHER_CASE, FLAG,
                        "Near-identical to a photo in case " + found.ticketRef() + " (dHash distance " + found.distance()
                                + " of 64; " + SIMILARITY_THRESHOLD + " or less counts as near-identical). "
                                + "A resized or re-saved copy of one photo looks like this.", found.ticketRef()))
                .orElse(new EvidenceCheckView(SIMILAR_IMAGE_IN_OTHER_CASE, PASS,
                        "No photo in another case is near-identical (dHash distance " + SIMILARITY_THRESHOLD + " of 64 or less).", null));
    }

    /** Whether a dHash says enough about an image to be compared; plain images hash to nearly all zeros or ones. */
    public static boolean hasStructure(long dHash) {
        int set = Long.bitCount(dHash);
        return set >= MIN_STRUCTURE_BITS && set <= 64 - MIN_STRUCTURE_BITS;
    }

    static boolean isEditor(String software) {
        String lower = software.toLowerCase(Locale.ROOT);
        return lower.startsWith("adobe photoshop (image resource block)") || EDITORS.stream().anyMatch(lower::contains);
    }

    private static String shown(Instant instant) {
        return SHOWN.format(instant.atOffset(ZoneOffset.UTC)) + " UTC";
    }

    private static String readable(Duration duration) {
        long days = duration.toDays();
        if (days >= 2) {
            return days + " days";
        }
        long hours = duration.toHours();
        return hours >= 2 ? hours + " hours" : Math.max(1, duration.toMinutes()) + " minutes";
    }
}
