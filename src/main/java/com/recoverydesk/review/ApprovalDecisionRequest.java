package com.recoverydesk.review;

/** The supervisor's second approval (DESIGN.md §9): {@code APPROVE} or {@code DENY}, with a note (required to deny). */
public record ApprovalDecisionRequest(String decision, String note) {}
