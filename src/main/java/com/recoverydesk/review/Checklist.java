package com.recoverydesk.review;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reviewer's structured checklist (issue 7): APPROVE needs every item ticked. A missing
 * checklist counts as nothing ticked.
 */
public record Checklist(boolean documentLegible, boolean matchesKycOnFile, boolean selfieMatchesDocument,
                        boolean noteShowsReference, boolean noSignOfEditing) {

    /** The items in the order of the form, with the question each asks. */
    public static final Map<String, String> ITEMS = items();

    public static final Checklist NOTHING_TICKED = new Checklist(false, false, false, false, false);

    private static Map<String, String> items() {
        Map<String, String> items = new LinkedHashMap<>();
        items.put("documentLegible", "The document is legible: photo, name, date of birth and number can be read.");
        items.put("matchesKycOnFile", "Name, date of birth, document number and country match the KYC data on file.");
        items.put("selfieMatchesDocument", "The person in the selfie is the person on the document.");
        items.put("noteShowsReference", "The handwritten note shows this ticket reference and a date since the request.");
        items.put("noSignOfEditing", "No sign of editing in the files or in their machine checks.");
        return java.util.Collections.unmodifiableMap(items);
    }

    public static Checklist of(Set<String> ticked) {
        return new Checklist(ticked.contains("documentLegible"), ticked.contains("matchesKycOnFile"), ticked.contains("selfieMatchesDocument"),
                ticked.contains("noteShowsReference"), ticked.contains("noSignOfEditing"));
    }

    public static Checklist decode(String stored) {
        return of(stored == null || stored.isBlank() ? Set.of() : Set.copyOf(Arrays.asList(stored.split(","))));
    }

    public List<String> ticked() {
        List<String> ticked = new ArrayList<>();
        if (documentLegible) {
            ticked.add("documentLegible");
        }
        if (matchesKycOnFile) {
            ticked.add("matchesKycOnFile");
        }
        if (selfieMatchesDocument) {
            ticked.add("selfieMatchesDocument");
        }
        if (noteShowsReference) {
            ticked.add("noteShowsReference");
        }
        if (noSignOfEditing) {
            ticked.add("noSignOfEditing");
        }
        return ticked;
    }

    public List<String> unticked() {
        List<String> ticked = ticked();
        return ITEMS.keySet().stream().filter(item -> !ticked.contains(item)).toList();
    }

    public boolean complete() {
        return unticked().isEmpty();
    }

    public String encode() {
        return String.join(",", ticked());
    }
}
