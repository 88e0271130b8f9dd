package com.recoverydesk.evidence;

/**
 * One machine check of an evidence file, as staff see it: a fact with its reason, never a decision.
 *
 * @param code             what was checked, e.g. {@code CAPTURE_TIME} (see {@link EvidenceChecks})
 * @param outcome          {@code PASS} (nothing found), {@code FLAG} (look at this) or {@code INFO} (not checkable, or worth knowing)
 * @param reason           the fact in a sentence, for the reviewer
 * @param relatedTicketRef the other case's ticket reference, for a file or image found there too; else null
 */
public record EvidenceCheckView(String code, String outcome, String reason, String relatedTicketRef) {
}
