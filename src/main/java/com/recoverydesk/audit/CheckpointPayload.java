package com.recoverydesk.audit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The bytes an Ed25519 checkpoint signature covers (docs/compliance.md), in the length-prefixed
 * form of the event hash: each field a 4-byte big-endian length and that many bytes of UTF-8.
 */
public final class CheckpointPayload {

    static final String CHECKPOINT_TAG = "recovery-desk.audit.checkpoint.v1";
    static final String EXPORT_CHECKPOINT_TAG = "recovery-desk.audit.export-checkpoint.v1";

    private CheckpointPayload() {
    }

    /** A stored checkpoint: its number, the chain head it names, when and with which key. */
    public static byte[] stored(long number, long seq, String hash, Instant signedAt, String keyId) {
        return fields(CHECKPOINT_TAG, Long.toString(number), Long.toString(seq), hash, AuditHash.formatTime(signedAt), keyId);
    }

    /** The checkpoint closing an export: its last event and the SHA-256 of every line before it. */
    public static byte[] export(long seq, String hash, Instant signedAt, String keyId, String exportDigest) {
        return fields(EXPORT_CHECKPOINT_TAG, Long.toString(seq), hash, AuditHash.formatTime(signedAt), keyId, exportDigest);
    }

    private static byte[] fields(String... values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        for (String value : values) {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            out.write(bytes.length >>> 24);
            out.write(bytes.length >>> 16);
            out.write(bytes.length >>> 8);
            out.write(bytes.length);
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }
}
