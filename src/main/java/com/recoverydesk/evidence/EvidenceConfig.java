package com.recoverydesk.evidence;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

@ConfigMapping(prefix = "recovery.evidence")
public interface EvidenceConfig {

    /** Largest upload accepted, in bytes (DESIGN.md §11). */
    @WithDefault("10485760")
    long maxBytes();

    /** How long evidence is kept after the case closes, then purged (DESIGN.md §3 step 10). */
    @WithDefault("P90D")
    Duration retention();

    /** Where the filesystem storage keeps the encrypted objects. */
    @WithDefault("./data/evidence")
    String dir();

    /**
     * Master keys by key id (lower-case letters and digits): base64 of 32 random bytes. In
     * production from the environment, e.g. {@code RECOVERY_EVIDENCE_MASTER_KEYS_K2025A}.
     */
    Map<String, String> masterKeys();

    /** The master key that wraps new objects' data keys, and re-wrapped ones. */
    String currentKeyId();

    /**
     * Demo and tests only: a master key file, generated on first start, that joins the ring under
     * the id {@value EvidenceWiring#GENERATED_KEY_ID}. Production leaves it unset.
     */
    Optional<String> generatedKeyFile();

    /** Images wider or taller than this are refused. */
    @WithDefault("10000")
    int maxImageSide();

    /** Images with more pixels than this are refused, whatever their shape. */
    @WithDefault("40000000")
    long maxImagePixels();
}
