package com.recoverydesk.evidence;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What a piece of evidence shows (DESIGN.md §9), and the formats each kind accepts.
 *
 * <p>Documents may be photographed or scanned, so they take photos and PDFs. The selfie must be a
 * photo: the reviewer compares a face, which a PDF would only wrap. MP4 is for the video alone,
 * and the video takes nothing else.
 */
public enum EvidenceKind {
    ID_FRONT("The front of the ID document", EvidenceFormat.JPEG, EvidenceFormat.PNG, EvidenceFormat.PDF),
    ID_BACK("The back of the ID document", EvidenceFormat.JPEG, EvidenceFormat.PNG, EvidenceFormat.PDF),
    SELFIE_WITH_NOTE("The selfie with the handwritten note", EvidenceFormat.JPEG, EvidenceFormat.PNG),
    SECOND_DOCUMENT("The second document", EvidenceFormat.JPEG, EvidenceFormat.PNG, EvidenceFormat.PDF),
    VIDEO("The video", EvidenceFormat.MP4);

    private final String description;
    private final Set<EvidenceFormat> acceptedFormats;

    EvidenceKind(String description, EvidenceFormat first, EvidenceFormat... more) {
        this.description = description;
        this.acceptedFormats = Collections.unmodifiableSet(EnumSet.of(first, more));
    }

    public Set<EvidenceFormat> acceptedFormats() {
        return acceptedFormats;
    }

    public boolean accepts(EvidenceFormat format) {
        return acceptedFormats.contains(format);
    }

    /** A sentence for the requester, e.g. "The selfie with the handwritten note must be a JPEG photo or a PNG photo." */
    public String acceptedFormatsSentence() {
        List<String> names = new ArrayList<>();
        for (EvidenceFormat format : acceptedFormats) {
            names.add(format.description());
        }
        String list = names.size() == 1
                ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
        return description + " must be " + list + ".";
    }
}
