package com.recoverydesk.identity;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords as authenticator apps compute them (RFC 6238: HMAC-SHA1,
 * 30-second steps, 6 digits). One step of clock drift either way is accepted.
 */
public final class Totp {

    private static final int STEP_SECONDS = 30;
    private static final int DIGITS = 6;
    private static final int ALLOWED_DRIFT_STEPS = 1;
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Totp() {
    }

    /** A new 160-bit shared secret, Base32 as authenticator apps expect it. */
    public static String newSecret() {
        byte[] secret = new byte[20];
        RANDOM.nextBytes(secret);
        return base32(secret);
    }

    public static String codeAt(String base32Secret, Instant time) {
        return code(base32Decode(base32Secret), time.getEpochSecond() / STEP_SECONDS);
    }

    public static boolean verify(String base32Secret, String candidate, Instant now) {
        return matchingStep(base32Secret, candidate, now).isPresent();
    }

    /**
     * The time step whose code the candidate is, within the allowed drift: remembering it lets the
     * caller accept each code only once (RFC 6238 §5.2).
     */
    public static java.util.OptionalLong matchingStep(String base32Secret, String candidate, Instant now) {
        if (candidate == null || !candidate.matches("\\d{" + DIGITS + "}")) {
            return java.util.OptionalLong.empty();
        }
        byte[] key = base32Decode(base32Secret);
        long step = now.getEpochSecond() / STEP_SECONDS;
        long matched = -1;
        for (long s = step - ALLOWED_DRIFT_STEPS; s <= step + ALLOWED_DRIFT_STEPS; s++) {
            // constant-time comparison, and no early exit, so timing tells nothing about the code
            if (MessageDigest.isEqual(code(key, s).getBytes(), candidate.getBytes())) {
                matched = s;
            }
        }
        return matched < 0 ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(matched);
    }

    /** The otpauth:// URI an authenticator app reads from a QR code. */
    public static String provisioningUri(String issuer, String account, String base32Secret) {
        String label = urlEncode(issuer) + ":" + urlEncode(account);
        return "otpauth://totp/" + label + "?secret=" + base32Secret + "&issuer=" + urlEncode(issuer)
                + "&algorithm=SHA1&digits=" + DIGITS + "&period=" + STEP_SECONDS;
    }

    private static String code(byte[] key, long step) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
            int offset = hash[hash.length - 1] & 0x0f;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
            return String.format("%0" + DIGITS + "d", binary % 1_000_000);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is not available", e);
        }
    }

    static String base32(byte[] data) {
        StringBuilder out = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(BASE32.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(BASE32.charAt((buffer << (5 - bits)) & 31));
        }
        return out.toString();
    }

    static byte[] base32Decode(String text) {
        String clean = text.replace("=", "").replace(" ", "").toUpperCase();
        ByteBuffer out = ByteBuffer.allocate(clean.length() * 5 / 8);
        int buffer = 0;
        int bits = 0;
        for (char c : clean.toCharArray()) {
            int value = BASE32.indexOf(c);
            if (value < 0) {
                throw new IllegalArgumentException("Not a Base32 secret");
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                out.put((byte) (buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return out.array();
    }

    private static String urlEncode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
