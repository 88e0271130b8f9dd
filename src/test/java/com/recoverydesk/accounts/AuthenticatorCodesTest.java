package com.recoverydesk.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.recoverydesk.keys.MasterKeyring;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The directory's TOTP check against RFC 6238's SHA-1 test vectors, and the sealing of secrets at rest. */
class AuthenticatorCodesTest {

    /** "12345678901234567890" in Base32: RFC 6238's SHA-1 secret. */
    private static final String RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    @Test
    void shouldFindTheTimeStepOfTheRfc6238TestVectors() {
        // the RFC lists 8 digits; the apps show the last 6
        assertEquals(OptionalLong.of(59 / 30), BuiltInAccountDirectory.matchingStep(RFC_SECRET, "287082", Instant.ofEpochSecond(59)));
        assertEquals(OptionalLong.of(1111111109L / 30), BuiltInAccountDirectory.matchingStep(RFC_SECRET, "081804", Instant.ofEpochSecond(1111111109)));
        assertEquals(OptionalLong.of(1111111111L / 30), BuiltInAccountDirectory.matchingStep(RFC_SECRET, "050471", Instant.ofEpochSecond(1111111111)));
        assertEquals(OptionalLong.of(1234567890L / 30), BuiltInAccountDirectory.matchingStep(RFC_SECRET, "005924", Instant.ofEpochSecond(1234567890)));
        assertEquals(OptionalLong.of(2000000000L / 30), BuiltInAccountDirectory.matchingStep(RFC_SECRET, "279037", Instant.ofEpochSecond(2000000000)));
        assertEquals(OptionalLong.of(20000000000L / 30), BuiltInAccountDirectory.matchingStep(RFC_SECRET, "353130", Instant.ofEpochSecond(20000000000L)));
    }

    @Test
    void shouldAcceptOneStepOfDriftAndRefuseOtherCodes() {
        Instant now = Instant.ofEpochSecond(1111111109 + 30);
        assertEquals(OptionalLong.of(1111111109L / 30), BuiltInAccountDirectory.matchingStep(RFC_SECRET, "081804", now), "the previous step");
        assertTrue(BuiltInAccountDirectory.matchingStep(RFC_SECRET, "081804", now.plusSeconds(60)).isEmpty(), "three steps later");
        assertTrue(BuiltInAccountDirectory.matchingStep(RFC_SECRET, "12345", now).isEmpty());
        assertTrue(BuiltInAccountDirectory.matchingStep(RFC_SECRET, null, now).isEmpty());
    }

    @Test
    void shouldHashBackupCodesIgnoringCaseAndDashes() {
        assertEquals(BuiltInAccountDirectory.hashBackupCode("ABCDE-FGHJK"), BuiltInAccountDirectory.hashBackupCode("abcdefghjk"));
        assertNotEquals(BuiltInAccountDirectory.hashBackupCode("ABCDE-FGHJK"), BuiltInAccountDirectory.hashBackupCode("ABCDE-FGHJL"));
        assertEquals(64, BuiltInAccountDirectory.hashBackupCode("ABCDE-FGHJK").length());
    }

    @Test
    void shouldSealSecretsSoThatOnlyTheirAccountOpensThem() {
        AccountSecrets secrets = new AccountSecrets(new MasterKeyring(Map.of("k1", new byte[32]), "k1"));
        AccountSecrets.Sealed sealed = secrets.seal("ACC-1", RFC_SECRET);
        assertEquals("k1", sealed.keyId());
        assertTrue(!sealed.ciphertext().contains(RFC_SECRET));
        assertEquals(RFC_SECRET, secrets.open("ACC-1", sealed));
        assertNotEquals(sealed.ciphertext(), secrets.seal("ACC-1", RFC_SECRET).ciphertext(), "a fresh nonce each time");
        assertThrows(IllegalStateException.class, () -> secrets.open("ACC-2", sealed));
    }
}
