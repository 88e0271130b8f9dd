package com.recoverydesk.audit;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import org.jboss.logging.Logger;

/** Builds the checkpoint keys from {@link AuditConfig}: configured in production, generated in the demo. */
@ApplicationScoped
public class AuditWiring {

    private static final Logger LOG = Logger.getLogger(AuditWiring.class);

    @Produces
    @Singleton
    CheckpointKeys checkpointKeys(AuditConfig config) {
        return keysFrom(config);
    }

    /** Fails the start on a bad key configuration rather than at the first checkpoint. */
    void onStart(@Observes StartupEvent start, CheckpointKeys keys) {
        LOG.infof("Audit checkpoints signed with Ed25519 key %s; %d older keys verify earlier ones",
                keys.currentKeyId(), keys.publicKeys().size() - 1);
    }

    static CheckpointKeys keysFrom(AuditConfig config) {
        List<PublicKey> previous = config.previousPublicKeys().orElse(List.of()).stream()
                .filter(k -> !k.isBlank()).map(CheckpointKeys::publicKey).toList();
        if (config.signingKey().isPresent()) {
            if (config.generatedKeyFile().isPresent()) {
                throw new IllegalStateException("Set either recovery.audit.signing-key or recovery.audit.generated-key-file, not both");
            }
            PublicKey publicKey = CheckpointKeys.publicKey(config.signingPublicKey().orElseThrow(() ->
                    new IllegalStateException("recovery.audit.signing-key needs recovery.audit.signing-public-key (RECOVERY_AUDIT_SIGNING_PUBLIC_KEY)")));
            return new CheckpointKeys(CheckpointKeys.privateKey(config.signingKey().get()), publicKey, previous);
        }
        KeyPair generated = GeneratedCheckpointKey.loadOrCreate(Path.of(config.generatedKeyFile().orElseThrow(() ->
                new IllegalStateException("No audit signing key: set RECOVERY_AUDIT_SIGNING_KEY and RECOVERY_AUDIT_SIGNING_PUBLIC_KEY"))));
        return new CheckpointKeys(generated.getPrivate(), generated.getPublic(), previous);
    }
}
