package com.recoverydesk.cases;

import com.recoverydesk.web.RequesterLanguage;
import com.recoverydesk.web.RequesterWords;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What evidence a case needs, by risk level (DESIGN.md §3 step 4). A requirement is met by any one
 * of its kinds: HIGH risk asks for a short video or a second document.
 */
public final class EvidenceRequirements {

    public record Requirement(List<String> anyOf, String why) {
        public boolean metBy(Collection<String> uploadedKinds) {
            return anyOf.stream().anyMatch(uploadedKinds::contains);
        }

        /** In words, for the requester: "Short video or Second document". */
        public String label() {
            return String.join(" or ", anyOf.stream().map(EvidenceRequirements::kindLabel).toList());
        }

        /** In the words of the requester's language. */
        public String label(Locale locale) {
            RequesterWords words = RequesterLanguage.words(locale);
            return String.join(words.kindsOr(), anyOf.stream().map(k -> kindLabel(k, locale)).toList());
        }

        /** Why it is asked for, in the requester's language. */
        public String why(Locale locale) {
            RequesterWords words = RequesterLanguage.words(locale);
            return switch (code()) {
                case "ID_FRONT" -> words.whyIdFront();
                case "ID_BACK" -> words.whyIdBack();
                case "SELFIE_WITH_NOTE" -> words.whySelfie();
                case "VIDEO|SECOND_DOCUMENT" -> words.whyVideoOrSecond();
                default -> why;
            };
        }

        /** The stored form: kinds joined by '|'. */
        String code() {
            return String.join("|", anyOf);
        }
    }

    private static final Requirement ID_FRONT = new Requirement(List.of("ID_FRONT"), "The front of an official ID document shows who you are.");
    private static final Requirement ID_BACK = new Requirement(List.of("ID_BACK"), "The back of the ID document completes it.");
    private static final Requirement SELFIE = new Requirement(List.of("SELFIE_WITH_NOTE"),
            "A selfie holding the ID and a handwritten note with your ticket reference and today's date shows it is you, today.");
    private static final Requirement VIDEO_OR_SECOND = new Requirement(List.of("VIDEO", "SECOND_DOCUMENT"),
            "Because the account holds a lot or shows risk signals, we also need a short video of you or a second document.");
    private static final List<Requirement> ALL = List.of(ID_FRONT, ID_BACK, SELFIE, VIDEO_OR_SECOND);

    private EvidenceRequirements() {
    }

    /** An evidence kind in the requester's words. */
    public static String kindLabel(String kind) {
        return switch (kind) {
            case "ID_FRONT" -> "ID document, front";
            case "ID_BACK" -> "ID document, back";
            case "SELFIE_WITH_NOTE" -> "Selfie with ID and handwritten note";
            case "SECOND_DOCUMENT" -> "Second document";
            case "VIDEO" -> "Short video";
            default -> kind;
        };
    }

    /** An evidence kind in the words of the requester's language. */
    public static String kindLabel(String kind, Locale locale) {
        RequesterWords words = RequesterLanguage.words(locale);
        return switch (kind) {
            case "ID_FRONT" -> words.kindIdFront();
            case "ID_BACK" -> words.kindIdBack();
            case "SELFIE_WITH_NOTE" -> words.kindSelfie();
            case "SECOND_DOCUMENT" -> words.kindSecondDocument();
            case "VIDEO" -> words.kindVideo();
            default -> kind;
        };
    }

    public static List<Requirement> forRiskLevel(String riskLevel) {
        return switch (riskLevel) {
            case "HIGH" -> List.of(ID_FRONT, ID_BACK, SELFIE, VIDEO_OR_SECOND);
            case "MEDIUM" -> List.of(ID_FRONT, ID_BACK, SELFIE);
            default -> List.of(ID_FRONT, SELFIE);
        };
    }

    /** The stored form: requirements joined by ',', kinds within one by '|'. */
    public static String encode(List<Requirement> requirements) {
        return String.join(",", requirements.stream().map(Requirement::code).toList());
    }

    public static List<Requirement> decode(String stored) {
        if (stored == null || stored.isBlank()) {
            return List.of();
        }
        return Arrays.stream(stored.split(",")).map(code -> {
            Set<String> kinds = Set.of(code.split("\\|"));
            return ALL.stream().filter(r -> Set.copyOf(r.anyOf()).equals(kinds)).findFirst()
                    .orElse(new Requirement(List.of(code.split("\\|")), ""));
        }).toList();
    }

    public static List<Requirement> missing(String stored, Collection<String> uploadedKinds) {
        return decode(stored).stream().filter(r -> !r.metBy(uploadedKinds)).toList();
    }
}
