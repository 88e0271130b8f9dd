package com.recoverydesk.evidence;

import com.recoverydesk.keys.MasterKeyring;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Builds the evidence beans from {@link EvidenceConfig}. The classes themselves stay plain Java so
 * that the tests and the benchmark construct them without the application.
 */
@ApplicationScoped
public class EvidenceWiring {

    /** The key id of the demo's generated master key. */
    public static final String GENERATED_KEY_ID = "local";

    private static final Logger LOG = Logger.getLogger(EvidenceWiring.class);

    @Produces
    @Singleton
    MasterKeyring masterKeyring(EvidenceConfig config) {
        return keyringFrom(config);
    }

    @Produces
    @Singleton
    FileSystemEvidenceStorage evidenceStorage(EvidenceConfig config, MasterKeyring keyring) {
        return new FileSystemEvidenceStorage(Path.of(config.dir()), new EvidenceEncryption(keyring));
    }

    @Produces
    @Singleton
    EvidenceFileService evidenceFileService(EvidenceConfig config, EvidenceStorage storage) {
        return new EvidenceFileService(storage, new ContentInspector(config.maxImageSide(), config.maxImagePixels()), config.maxBytes());
    }

    /** Fails the start on a bad key configuration rather than on the first upload, and tidies up after a crash. */
    void onStart(@Observes StartupEvent start, FileSystemEvidenceStorage storage, MasterKeyring keyring, EvidenceConfig config)
            throws IOException {
        int abandoned = storage.deleteAbandonedTemporaryFiles(Instant.now());
        LOG.infof("Evidence storage in %s; master keys %s, current '%s'%s", Path.of(config.dir()).toAbsolutePath().normalize(), keyring.keyIds(),
                keyring.currentKeyId(), abandoned > 0 ? "; removed " + abandoned + " abandoned temporary files" : "");
    }

    static MasterKeyring keyringFrom(EvidenceConfig config) {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        config.masterKeys().forEach((id, base64) -> keys.put(id, decode(id, base64)));
        config.generatedKeyFile().ifPresent(file -> {
            if (keys.containsKey(GENERATED_KEY_ID)) {
                throw new IllegalStateException("recovery.evidence.master-keys." + GENERATED_KEY_ID
                        + " is reserved for the generated key of recovery.evidence.generated-key-file");
            }
            keys.put(GENERATED_KEY_ID, GeneratedMasterKey.loadOrCreate(Path.of(file)));
        });
        return new MasterKeyring(keys, config.currentKeyId());
    }

    private static byte[] decode(String id, String base64) {
        try {
            return Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            // the message must not echo the value: it is a secret
            throw new IllegalArgumentException("Evidence master key '" + id + "' is not valid base64");
        }
    }
}
