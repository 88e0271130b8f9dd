package com.recoverydesk.audit;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.Instant;

/**
 * An audit entry as callers and compliance see it. {@code time} is written in the canonical
 * form of the hash and {@code details} is the JSON text exactly as hashed, so that the
 * entry can be verified offline with {@link AuditHash}.
 */
public record AuditEventView(
        long seq,
        @JsonFormat(shape = JsonFormat.Shape.STRING, pattern = "uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'", timezone = "UTC")
        Instant time,
        String actor,
        String role,
        String action,
        String caseId,
        String details,
        String prevHash,
        String hash) {
}
