package com.recoverydesk.keys;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The master keys that wrap the per-file data keys, by key id, and which of them wraps new files.
 * Older keys stay in the ring until every object wrapped by them has been re-wrapped
 * (docs/evidence-storage.md, "Rotating a master key").
 */
public final class MasterKeyring {

    /** Lower-case letters and digits only, so that a key id survives the trip through an environment variable name. */
    private static final Pattern KEY_ID = Pattern.compile("[a-z0-9]{1,32}");
    private static final int KEY_BYTES = 32;

    private final Map<String, SecretKey> keys;
    private final String currentKeyId;

    public MasterKeyring(Map<String, byte[]> keysById, String currentKeyId) {
        Map<String, SecretKey> checked = new LinkedHashMap<>();
        keysById.forEach((id, key) -> {
            if (!KEY_ID.matcher(id).matches()) {
                throw new IllegalArgumentException("Evidence master key id '" + id + "' must be 1 to 32 lower-case letters and digits");
            }
            if (key.length != KEY_BYTES) {
                throw new IllegalArgumentException("Evidence master key '" + id + "' must be 32 bytes (AES-256), not " + key.length);
            }
            checked.put(id, new SecretKeySpec(key, "AES"));
        });
        if (!checked.containsKey(currentKeyId)) {
            throw new IllegalArgumentException("The current evidence master key '" + currentKeyId + "' is not among the configured keys " + checked.keySet());
        }
        this.keys = Collections.unmodifiableMap(checked);
        this.currentKeyId = currentKeyId;
    }

    public String currentKeyId() {
        return currentKeyId;
    }

    public SecretKey currentKey() {
        return keys.get(currentKeyId);
    }

    public Optional<SecretKey> key(String keyId) {
        return Optional.ofNullable(keys.get(keyId));
    }

    public Set<String> keyIds() {
        return keys.keySet();
    }
}
