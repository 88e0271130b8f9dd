package com.recoverydesk.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The canonical encoding of an audit entry and its SHA-256 hash (docs/adr/0003).
 *
 * <p>The hashed bytes are nine fields in this order, each written as a 4-byte big-endian length
 * followed by that many bytes of UTF-8; an absent case id is the length {@code 0xFFFFFFFF} with
 * no bytes:
 * <ol>
 *   <li>the version tag {@value #VERSION_TAG}</li>
 *   <li>seq in decimal, no sign or leading zeros</li>
 *   <li>time in UTC as {@code yyyy-MM-ddTHH:mm:ss.ffffffZ} (always six fraction digits)</li>
 *   <li>actor subject</li>
 *   <li>actor role</li>
 *   <li>action</li>
 *   <li>case id, or absent</li>
 *   <li>details: the JSON text exactly as stored</li>
 *   <li>the previous entry's hash (lowercase hex; {@link #GENESIS} before seq 1)</li>
 * </ol>
 * The hash is the lowercase hex of SHA-256 over those bytes.
 *
 * <p>An instance reuses its buffers, so it is not thread-safe; the verifier keeps one per run.
 */
public final class AuditHash {

    public static final String VERSION_TAG = "recovery-desk.audit.v1";
    public static final String GENESIS = "0".repeat(64);

    private static final int ABSENT = 0xFFFFFFFF;
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final byte[] VERSION_TAG_BYTES = VERSION_TAG.getBytes(StandardCharsets.UTF_8);

    private final MessageDigest sha256;
    private final ByteBuffer lengthBuffer = ByteBuffer.allocate(4);

    public AuditHash() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** One-off hash; for loops, keep an instance and call {@link #hash}. */
    public static String of(long seq, Instant time, String actor, String role, String action,
                            String caseId, String details, String prevHash) {
        return new AuditHash().hash(seq, time, actor, role, action, caseId, details, prevHash);
    }

    public String hash(long seq, Instant time, String actor, String role, String action,
                       String caseId, String details, String prevHash) {
        return hex(digest(seq, time, actor, role, action, caseId, details, prevHash));
    }

    /**
     * Whether the entry's hash is {@code expectedHash} (lowercase hex): what {@link #hash} would
     * answer, compared without building the hex text, since verification asks a million times.
     */
    public boolean matches(long seq, Instant time, String actor, String role, String action,
                           String caseId, String details, String prevHash, String expectedHash) {
        byte[] digest = digest(seq, time, actor, role, action, caseId, details, prevHash);
        if (expectedHash == null || expectedHash.length() != digest.length * 2) {
            return false;
        }
        for (int i = 0; i < digest.length; i++) {
            if (expectedHash.charAt(2 * i) != HEX[(digest[i] >> 4) & 0xF] || expectedHash.charAt(2 * i + 1) != HEX[digest[i] & 0xF]) {
                return false;
            }
        }
        return true;
    }

    private byte[] digest(long seq, Instant time, String actor, String role, String action,
                          String caseId, String details, String prevHash) {
        sha256.reset();
        field(VERSION_TAG_BYTES);
        field(Long.toString(seq));
        field(formatTime(time));
        field(actor);
        field(role);
        field(action);
        if (caseId == null) {
            length(ABSENT);
        } else {
            field(caseId);
        }
        field(details);
        field(prevHash);
        return sha256.digest();
    }

    /** The canonical time text: UTC, microseconds, always six fraction digits. */
    public static String formatTime(Instant time) {
        if (time.getNano() % 1000 != 0) {
            // sub-microsecond digits would not survive a round trip through PostgreSQL
            throw new IllegalArgumentException("audit times are truncated to microseconds");
        }
        LocalDateTime t = LocalDateTime.ofEpochSecond(time.getEpochSecond(), time.getNano(), ZoneOffset.UTC);
        int year = t.getYear();
        if (year < 0 || year > 9999) {
            return formatTimeOutsideFourDigitYears(t);
        }
        // written digit by digit into one array: verification formats a million of these
        char[] c = new char[27];
        digits(c, 0, year, 4);
        c[4] = '-';
        digits(c, 5, t.getMonthValue(), 2);
        c[7] = '-';
        digits(c, 8, t.getDayOfMonth(), 2);
        c[10] = 'T';
        digits(c, 11, t.getHour(), 2);
        c[13] = ':';
        digits(c, 14, t.getMinute(), 2);
        c[16] = ':';
        digits(c, 17, t.getSecond(), 2);
        c[19] = '.';
        digits(c, 20, t.getNano() / 1000, 6);
        c[26] = 'Z';
        return new String(c);
    }

    private static void digits(char[] c, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            c[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    private static String formatTimeOutsideFourDigitYears(LocalDateTime t) {
        StringBuilder s = new StringBuilder(28);
        pad(s, t.getYear(), 4).append('-');
        pad(s, t.getMonthValue(), 2).append('-');
        pad(s, t.getDayOfMonth(), 2).append('T');
        pad(s, t.getHour(), 2).append(':');
        pad(s, t.getMinute(), 2).append(':');
        pad(s, t.getSecond(), 2).append('.');
        pad(s, t.getNano() / 1000, 6).append('Z');
        return s.toString();
    }

    private void field(String value) {
        field(value.getBytes(StandardCharsets.UTF_8));
    }

    private void field(byte[] bytes) {
        length(bytes.length);
        sha256.update(bytes);
    }

    private void length(int length) {
        lengthBuffer.clear();
        lengthBuffer.putInt(length);
        sha256.update(lengthBuffer.array());
    }

    private static StringBuilder pad(StringBuilder s, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            s.append('0');
        }
        return s.append(digits);
    }

    private static String hex(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX[(bytes[i] >> 4) & 0xF];
            out[2 * i + 1] = HEX[bytes[i] & 0xF];
        }
        return new String(out);
    }
}
