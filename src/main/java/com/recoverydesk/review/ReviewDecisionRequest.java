package com.recoverydesk.review;

/**
 * The agent's decision on a case (DESIGN.md §9): {@code APPROVE} (every checklist item ticked),
 * {@code REJECT} (a {@link RejectionReason} code) or {@code REQUEST_MORE_INFO} (the question to the
 * requester in {@code message}, or in {@code note} when no message is given).
 *
 * @param note an internal note for the desk; with REQUEST_MORE_INFO and no message, the question
 */
public record ReviewDecisionRequest(String decision, String reasonCode, Checklist checklist, String note, String message) {}
