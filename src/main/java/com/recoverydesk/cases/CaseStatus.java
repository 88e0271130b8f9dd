package com.recoverydesk.cases;

/** A case's status as the API and the screens show it (DESIGN.md §9). */
public enum CaseStatus {
    AWAITING_EVIDENCE("We need documents from you to prove it is you."),
    IN_REVIEW("A support agent is checking your documents."),
    AWAITING_APPROVAL("A supervisor is giving the second approval."),
    COOLING_OFF("The reset is announced and will happen after the waiting period."),
    RECOVERED("Your two-factor authentication was reset."),
    REJECTED("We could not confirm that the account is yours."),
    EXPIRED("The case closed because the documents did not arrive in time."),
    FROZEN("The case is on hold because someone objected to the reset."),
    WITHDRAWN("You withdrew the request."),
    /** Closed by an administrator (a process that could not go on), with a reason the requester is told. */
    CANCELLED("The support desk closed this case. Nothing changed on your account.");

    private final String plainWords;

    CaseStatus(String plainWords) {
        this.plainWords = plainWords;
    }

    /** What the status means, for the requester. */
    public String plainWords() {
        return plainWords;
    }

    /** The same, in the requester's language. */
    public String plainWords(java.util.Locale locale) {
        com.recoverydesk.web.RequesterWords words = com.recoverydesk.web.RequesterLanguage.words(locale);
        return switch (this) {
            case AWAITING_EVIDENCE -> words.wordsAwaitingEvidence();
            case IN_REVIEW -> words.wordsInReview();
            case AWAITING_APPROVAL -> words.wordsAwaitingApproval();
            case COOLING_OFF -> words.wordsCoolingOff();
            case RECOVERED -> words.wordsRecovered();
            case REJECTED -> words.wordsRejected();
            case EXPIRED -> words.wordsExpired();
            case FROZEN -> words.wordsFrozen();
            case WITHDRAWN -> words.wordsWithdrawn();
            case CANCELLED -> words.wordsCancelled();
        };
    }

    /** The final statuses: a case in one of them is over. */
    public static final java.util.List<CaseStatus> CLOSED = java.util.List.of(RECOVERED, REJECTED, EXPIRED, WITHDRAWN, CANCELLED);

    public boolean isOpen() {
        return !CLOSED.contains(this);
    }
}
