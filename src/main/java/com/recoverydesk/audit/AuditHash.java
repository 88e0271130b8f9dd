package com.recoverydesk.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;

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
    /** The canonical bytes of the entry being hashed: {@code buffer[0, length)}. */
    private byte[] buffer = new byte[1024];
    private int length;
    /** {@code yyyy-MM-ddTHH:mm:} of {@link #cachedMinute} (minutes since the epoch), for four-digit years. */
    private byte[] minuteText;
    private long cachedMinute = Long.MIN_VALUE;

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
        return expectedHash != null && matches(seq, time, utf8(actor), utf8(role), utf8(action), utf8(caseId), utf8(details),
                utf8(prevHash), expectedHash.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * {@link #matches(long, Instant, String, String, String, String, String, String, String)} over
     * the fields' UTF-8 bytes as the database hands them out: verification reads a million rows,
     * and decoding each text only to encode it again cost a fifth of the walk.
     *
     * @param caseId       null when the entry has none
     * @param expectedHash the stored lowercase hex, as bytes
     */
    public boolean matches(long seq, Instant time, byte[] actor, byte[] role, byte[] action,
                           byte[] caseId, byte[] details, byte[] prevHash, byte[] expectedHash) {
        byte[] digest = digest(seq, time, actor, role, action, caseId, details, prevHash);
        if (expectedHash == null || expectedHash.length != digest.length * 2) {
            return false;
        }
        for (int i = 0; i < digest.length; i++) {
            if (expectedHash[2 * i] != HEX[(digest[i] >> 4) & 0xF] || expectedHash[2 * i + 1] != HEX[digest[i] & 0xF]) {
                return false;
            }
        }
        return true;
    }

    private byte[] digest(long seq, Instant time, String actor, String role, String action,
                          String caseId, String details, String prevHash) {
        return digest(seq, time, utf8(actor), utf8(role), utf8(action), utf8(caseId), utf8(details), utf8(prevHash));
    }

    private byte[] digest(long seq, Instant time, byte[] actor, byte[] role, byte[] action,
                          byte[] caseId, byte[] details, byte[] prevHash) {
        // the canonical bytes are written into one reused buffer and hashed in one call: nineteen
        // small digest updates cost more than the hashing itself
        length = 0;
        field(VERSION_TAG_BYTES);
        fieldDecimal(seq);
        fieldTime(time);
        field(actor);
        field(role);
        field(action);
        if (caseId == null) {
            ensureRoom(4);
            writeLength(ABSENT);
        } else {
            field(caseId);
        }
        field(details);
        field(prevHash);
        sha256.reset();
        sha256.update(buffer, 0, length);
        return sha256.digest();
    }

    private static byte[] utf8(String value) {
        return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
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

    /**
     * A text field. The JDK's UTF-8 encoder copies a string of ASCII (nearly every field) with one
     * vectorised array copy; a loop over its characters here was slower.
     */
    private void field(String value) {
        field(value.getBytes(StandardCharsets.UTF_8));
    }

    private void field(byte[] bytes) {
        ensureRoom(4 + bytes.length);
        writeLength(bytes.length);
        System.arraycopy(bytes, 0, buffer, length, bytes.length);
        length += bytes.length;
    }

    /** seq in decimal, as {@link Long#toString(long)} writes it. */
    private void fieldDecimal(long value) {
        if (value < 0) {
            field(Long.toString(value));
            return;
        }
        int digits = 1;
        for (long rest = value / 10; rest > 0; rest /= 10) {
            digits++;
        }
        ensureRoom(4 + digits);
        writeLength(digits);
        for (int i = length + digits - 1; i >= length; i--) {
            buffer[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        length += digits;
    }

    /**
     * The time as {@link #formatTime} writes it. Consecutive entries mostly fall in the same minute,
     * so the minute's text ({@code yyyy-MM-ddTHH:mm:}) is kept and only seconds and microseconds are written.
     */
    private void fieldTime(Instant time) {
        if (time.getNano() % 1000 != 0) {
            throw new IllegalArgumentException("audit times are truncated to microseconds");
        }
        long epochSecond = time.getEpochSecond();
        long minute = Math.floorDiv(epochSecond, 60);
        if (minute != cachedMinute) {
            String minuteStart = formatTime(Instant.ofEpochSecond(minute * 60));
            if (minuteStart.length() != 27) { // a year wider than four digits: rare enough to write in full
                field(formatTime(time));
                return;
            }
            minuteText = minuteStart.substring(0, 17).getBytes(StandardCharsets.US_ASCII);
            cachedMinute = minute;
        }
        ensureRoom(4 + 27);
        writeLength(27);
        byte[] b = buffer;
        int at = length;
        System.arraycopy(minuteText, 0, b, at, 17);
        digits(b, at + 17, (int) Math.floorMod(epochSecond, 60), 2);
        b[at + 19] = '.';
        digits(b, at + 20, time.getNano() / 1000, 6);
        b[at + 26] = 'Z';
        length += 27;
    }

    private static void digits(byte[] b, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            b[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }

    /** The 4-byte big-endian length at the end of the buffer; the caller made room for it. */
    private void writeLength(int value) {
        buffer[length] = (byte) (value >>> 24);
        buffer[length + 1] = (byte) (value >>> 16);
        buffer[length + 2] = (byte) (value >>> 8);
        buffer[length + 3] = (byte) value;
        length += 4;
    }

    private void ensureRoom(int bytes) {
        if (length + bytes > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + bytes));
        }
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
