package com.recoverydesk.audit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The audit trail's checkpoint settings (docs/compliance.md, "Keys and rotation"). */
@ConfigMapping(prefix = "recovery.audit")
public interface AuditConfig {

    /** How often the chain head is signed when the trail has grown since the last checkpoint. */
    @WithDefault("PT1H")
    Duration checkpointInterval();

    /**
     * The current Ed25519 signing key: base64 of its PKCS#8 encoding (or PEM). Production sets it
     * from the environment, {@code RECOVERY_AUDIT_SIGNING_KEY}.
     */
    Optional<String> signingKey();

    /** The current key's public half: base64 of its X.509 encoding (or PEM), {@code RECOVERY_AUDIT_SIGNING_PUBLIC_KEY}. */
    Optional<String> signingPublicKey();

    /**
     * Public keys of retired signing keys (base64 X.509), kept so that the checkpoints they signed
     * still verify: {@code RECOVERY_AUDIT_PREVIOUS_PUBLIC_KEYS}, comma-separated.
     */
    Optional<List<String>> previousPublicKeys();

    /**
     * Demo and tests only: a key file generated on first start and reused afterwards. Production
     * leaves it unset (identity/ProductionGuard refuses it).
     */
    Optional<String> generatedKeyFile();
}
