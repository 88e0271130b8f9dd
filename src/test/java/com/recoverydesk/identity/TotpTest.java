package com.recoverydesk.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TotpTest {

    /** The SHA-1 secret of RFC 6238's test vectors, "12345678901234567890". */
    private static final String RFC_SECRET = Totp.base32("12345678901234567890".getBytes(StandardCharsets.US_ASCII));

    @Test
    void shouldMatchTheRfc6238TestVectors() {
        assertEquals("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", RFC_SECRET);
        // the RFC lists 8 digits; authenticator apps show the last 6
        assertEquals("287082", Totp.codeAt(RFC_SECRET, Instant.ofEpochSecond(59)));
        assertEquals("081804", Totp.codeAt(RFC_SECRET, Instant.ofEpochSecond(1111111109)));
        assertEquals("050471", Totp.codeAt(RFC_SECRET, Instant.ofEpochSecond(1111111111)));
        assertEquals("005924", Totp.codeAt(RFC_SECRET, Instant.ofEpochSecond(1234567890)));
    }

    @Test
    void shouldAcceptOneStepOfDriftAndNothingMore() {
        Instant now = Instant.ofEpochSecond(1_800_000_000L);
        assertTrue(Totp.verify(RFC_SECRET, Totp.codeAt(RFC_SECRET, now.minusSeconds(30)), now));
        assertTrue(Totp.verify(RFC_SECRET, Totp.codeAt(RFC_SECRET, now.plusSeconds(30)), now));
        assertFalse(Totp.verify(RFC_SECRET, Totp.codeAt(RFC_SECRET, now.minusSeconds(90)), now));
        assertFalse(Totp.verify(RFC_SECRET, null, now));
        assertFalse(Totp.verify(RFC_SECRET, "12345a", now));
    }

    @Test
    void shouldRoundTripBase32() {
        byte[] bytes = {0, 1, 2, (byte) 0xfe, (byte) 0xff, 42, 17, 99, 100, 101};
        assertEquals(java.util.Arrays.toString(bytes), java.util.Arrays.toString(Totp.base32Decode(Totp.base32(bytes))));
    }
}
