package com.recoverydesk.review;

/** The queues of the human steps. */
public enum TaskQueue { REVIEW, APPROVAL }
