package com.recoverydesk.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.recoverydesk.audit.offline.VerifyAuditExport;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bytes a checkpoint signature covers, against a vector computed independently (Python over
 * the encoding as docs/compliance.md describes it), and the keys' round trip.
 */
class CheckpointPayloadTest {

    private static final String HASH = "fc5d6be0a1ca8a4a5625f5ff221c33b1ebf6c84df0d409c97a742a4251a1519f";

    @Test
    void shouldEncodeAStoredCheckpointAsTheDocsDescribe() {
        byte[] payload = CheckpointPayload.stored(7, 2, HASH, Instant.parse("2025-03-01T10:00:00Z"), "0123456789abcdef");
        assertEquals("000000217265636f766572792d6465736b2e61756469742e636865636b706f696e742e7631"
                + "000000013700000001320000004066633564366265306131636138613461353632356635666632323163333362316562"
                + "6636633834646630643430396339376137343261343235316131353139660000001b323032352d30332d30315431303a"
                + "30303a30302e3030303030305a0000001030313233343536373839616263646566", HexFormat.of().formatHex(payload));
    }

    @Test
    void shouldSignWithTheCurrentKeyAndVerifyWithTheRetiredOnesToo() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
        KeyPair old = generator.generateKeyPair();
        KeyPair current = generator.generateKeyPair();
        CheckpointKeys before = new CheckpointKeys(old.getPrivate(), old.getPublic(), List.of());
        byte[] payload = CheckpointPayload.stored(1, 2, HASH, Instant.parse("2025-03-01T10:00:00Z"), before.currentKeyId());
        byte[] signature = before.sign(payload);

        CheckpointKeys after = new CheckpointKeys(current.getPrivate(), current.getPublic(), List.of(old.getPublic()));
        assertTrue(after.verify(before.currentKeyId(), payload, signature), "a rotated-out key still verifies what it signed");
        assertFalse(after.verify(after.currentKeyId(), payload, signature), "the new key did not sign it");
        assertEquals(2, after.publicKeys().size());
        assertTrue(after.publicKeys().get(0).current());
        assertEquals(after.currentKeyId(), CheckpointKeys.keyId(CheckpointKeys.publicKey(after.publicKeys().get(0).publicKeyPem())));
    }

    @Test
    void shouldRefuseAPublicKeyThatDoesNotBelongToThePrivateOne() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
        KeyPair one = generator.generateKeyPair();
        KeyPair other = generator.generateKeyPair();
        IllegalStateException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> new CheckpointKeys(one.getPrivate(), other.getPublic(), List.of()));
        assertTrue(refused.getMessage().contains("do not belong together"));
    }

    @Test
    void shouldDeriveTheSameKeyIdOfflineAsInTheService() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        var method = VerifyAuditExport.class.getDeclaredMethod("keyId", byte[].class);
        method.setAccessible(true);
        assertEquals(CheckpointKeys.keyId(pair.getPublic()), method.invoke(null, (Object) pair.getPublic().getEncoded()));
    }
}
