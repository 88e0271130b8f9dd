package com.recoverydesk.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.recoverydesk.keys.MasterKeyring;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the key ring comes out of configuration, as production sets it: environment variables. */
class EvidenceConfigTest {

    @TempDir
    Path dir;

    @Test
    void shouldTakeMasterKeysAndTheCurrentKeyFromTheEnvironment() {
        EvidenceConfig config = config(Map.of(
                "RECOVERY_EVIDENCE_MASTER_KEYS_K2025A", base64Key(1),
                "RECOVERY_EVIDENCE_MASTER_KEYS_K2026A", base64Key(2),
                "RECOVERY_EVIDENCE_CURRENT_KEY_ID", "k2026a"), Map.of());

        MasterKeyring keyring = EvidenceWiring.keyringFrom(config);

        assertEquals(java.util.Set.of("k2025a", "k2026a"), keyring.keyIds());
        assertEquals("k2026a", keyring.currentKeyId());
        assertEquals(10_485_760L, config.maxBytes());
    }

    @Test
    void shouldGenerateTheDemoKeyOnceAndReuseIt() throws Exception {
        Path keyFile = dir.resolve("keys/evidence-master.key");
        EvidenceConfig config = config(Map.of(), Map.of(
                "recovery.evidence.generated-key-file", keyFile.toString(),
                "recovery.evidence.current-key-id", "local"));

        MasterKeyring first = EvidenceWiring.keyringFrom(config);
        String generated = Files.readString(keyFile);
        MasterKeyring second = EvidenceWiring.keyringFrom(config);

        assertEquals(32, Base64.getDecoder().decode(generated.trim()).length);
        assertEquals(generated, Files.readString(keyFile), "generated once, not again");
        assertTrue(Arrays.equals(first.currentKey().getEncoded(), second.currentKey().getEncoded()));
    }

    @Test
    void shouldRefuseABadKeyConfigurationWithoutRevealingTheKey() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        IllegalArgumentException tooShort = assertThrows(IllegalArgumentException.class, () -> EvidenceWiring.keyringFrom(config(
                Map.of("RECOVERY_EVIDENCE_MASTER_KEYS_K1", shortKey, "RECOVERY_EVIDENCE_CURRENT_KEY_ID", "k1"), Map.of())));
        assertFalse(tooShort.getMessage().contains(shortKey));

        IllegalArgumentException notBase64 = assertThrows(IllegalArgumentException.class, () -> EvidenceWiring.keyringFrom(config(
                Map.of("RECOVERY_EVIDENCE_MASTER_KEYS_K1", "secret!value", "RECOVERY_EVIDENCE_CURRENT_KEY_ID", "k1"), Map.of())));
        assertFalse(notBase64.getMessage().contains("secret!value"));

        assertThrows(IllegalArgumentException.class, () -> EvidenceWiring.keyringFrom(config(
                Map.of("RECOVERY_EVIDENCE_MASTER_KEYS_K1", base64Key(1), "RECOVERY_EVIDENCE_CURRENT_KEY_ID", "k2"), Map.of())),
                "the current key must be one of the ring");
    }

    private static EvidenceConfig config(Map<String, String> environment, Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new EnvConfigSource(environment, 300), new PropertiesConfigSource(properties, "test", 250))
                .withMapping(EvidenceConfig.class)
                .build();
        return config.getConfigMapping(EvidenceConfig.class);
    }

    private static String base64Key(int value) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) value);
        return Base64.getEncoder().encodeToString(key);
    }
}
