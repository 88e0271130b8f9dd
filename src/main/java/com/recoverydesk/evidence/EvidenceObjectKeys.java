package com.recoverydesk.evidence;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * What every evidence storage shares: object keys are 128 random bits in lowercase hex, so a key
 * tells nothing about its case or file and cannot name a path; stored bytes are hashed with SHA-256.
 */
final class EvidenceObjectKeys {

    private static final Pattern OBJECT_KEY = Pattern.compile("[0-9a-f]{32}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private EvidenceObjectKeys() {
    }

    static String newKey() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    static boolean isKey(String candidate) {
        return candidate != null && OBJECT_KEY.matcher(candidate).matches();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
