package com.recoverydesk.review;

/**
 * The documented reason codes of a rejection (docs/process.md, "Review"). Each carries the words
 * the requester is told; they name the problem with the documents and never the desk's suspicion,
 * so that a fraudster learns as little as possible.
 */
public enum RejectionReason {
    DOCUMENT_ILLEGIBLE("The document cannot be read.", "the photos of your document could not be read."),
    DOCUMENT_MISMATCH("The document does not match the KYC data on file.", "the document does not match the details we hold for the account."),
    SELFIE_MISMATCH("The selfie does not show the person on the document.", "the selfie did not let us confirm that you are the person on the document."),
    NOTE_MISSING("The handwritten note is missing or does not show the ticket reference and date.",
            "the handwritten note with your ticket reference and the date was missing or unreadable."),
    SIGNS_OF_EDITING("The files show signs of editing.", "the documents did not let us confirm that the account is yours."),
    SUSPECTED_FRAUD("Other signs that the requester is not the account holder.", "the documents did not let us confirm that the account is yours.");

    private final String meaning;
    private final String toRequester;

    RejectionReason(String meaning, String toRequester) {
        this.meaning = meaning;
        this.toRequester = toRequester;
    }

    /** What the code means, for the desk. */
    public String meaning() {
        return meaning;
    }

    /** The reason as the rejection mail tells it, completing "we could not approve your request: …". */
    public String toRequester() {
        return toRequester;
    }

    public static java.util.Optional<RejectionReason> parse(String code) {
        if (code == null) {
            return java.util.Optional.empty();
        }
        for (RejectionReason reason : values()) {
            if (reason.name().equals(code.trim())) {
                return java.util.Optional.of(reason);
            }
        }
        return java.util.Optional.empty();
    }
}
