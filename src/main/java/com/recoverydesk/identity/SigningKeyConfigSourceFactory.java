package com.recoverydesk.identity;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The embedded default's token keys: when {@code recovery.identity.key-dir} is set, an RSA key
 * pair is generated there on first start and reused afterwards, and handed to SmallRye JWT as
 * the verification and signing keys. Production leaves the directory unset and configures the
 * keys (or an OIDC provider's JWKS) through the environment instead (ADR 0002).
 */
public class SigningKeyConfigSourceFactory implements ConfigSourceFactory {

    static final String PRIVATE_KEY_FILE = "token-signing-key.pem";
    static final String PUBLIC_KEY_FILE = "token-verification-key.pem";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue dir = context.getValue("recovery.identity.key-dir");
        if (dir == null || dir.getValue() == null || dir.getValue().isBlank()) {
            return List.of();
        }
        Path keyDir = Path.of(dir.getValue());
        ensureKeyPair(keyDir);
        Map<String, String> keys = Map.of(
                "mp.jwt.verify.publickey.location", keyDir.resolve(PUBLIC_KEY_FILE).toUri().toString(),
                "smallrye.jwt.sign.key.location", keyDir.resolve(PRIVATE_KEY_FILE).toUri().toString());
        // ordinal below application.properties' 250, so an explicit setting still wins
        return List.of(new PropertiesConfigSource(keys, "recovery-desk-generated-keys", 240));
    }

    static synchronized void ensureKeyPair(Path keyDir) {
        Path privateKey = keyDir.resolve(PRIVATE_KEY_FILE);
        Path publicKey = keyDir.resolve(PUBLIC_KEY_FILE);
        if (Files.exists(privateKey) && Files.exists(publicKey)) {
            return;
        }
        try {
            Files.createDirectories(keyDir);
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Path tmpPrivate = Files.createTempFile(keyDir, "key", ".tmp");
            restrictToOwner(tmpPrivate);
            Files.writeString(tmpPrivate, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.writeString(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            Files.move(tmpPrivate, privateKey, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the token signing key under " + keyDir, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the file inherits the directory's ACL
        }
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
