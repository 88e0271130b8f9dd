package com.recoverydesk.audit;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.Instant;

/**
 * A checkpoint as compliance sees it: at {@code signedAt} the chain ended at {@code seq} with
 * {@code hash}, signed (base64 Ed25519) by the key {@code keyId}.
 */
public record AuditCheckpointView(
        long number,
        long seq,
        String hash,
        @JsonFormat(shape = JsonFormat.Shape.STRING, pattern = "uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'", timezone = "UTC")
        Instant signedAt,
        String keyId,
        String signature,
        String origin,
        String requestedBy) {

    public static final String SCHEDULED = "scheduled";
    public static final String ON_DEMAND = "on-demand";
}
