package com.recoverydesk.evidence;

import com.recoverydesk.keys.MasterKeyring;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

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
    EvidenceStorage evidenceStorage(EvidenceConfig config, MasterKeyring keyring) {
        EvidenceEncryption encryption = new EvidenceEncryption(keyring);
        return switch (config.storage()) {
            case filesystem -> new FileSystemEvidenceStorage(Path.of(config.dir()), encryption);
            case s3 -> s3Storage(config.s3(), encryption);
        };
    }

    void closeStorage(@Disposes EvidenceStorage storage) throws IOException {
        if (storage instanceof Closeable closeable) {
            closeable.close();
        }
    }

    static S3EvidenceStorage s3Storage(EvidenceConfig.S3 config, EvidenceEncryption encryption) {
        String bucket = config.bucket().filter(name -> !name.isBlank()).orElseThrow(() -> new IllegalStateException(
                "recovery.evidence.storage=s3 needs recovery.evidence.s3.bucket (RECOVERY_EVIDENCE_S3_BUCKET)"));
        if (config.accessKeyId().isPresent() != config.secretAccessKey().isPresent()) {
            throw new IllegalStateException("Set both recovery.evidence.s3.access-key-id and recovery.evidence.s3.secret-access-key, "
                    + "or neither to use the SDK's default credentials chain");
        }
        AwsCredentialsProvider credentials = config.accessKeyId().isPresent()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(config.accessKeyId().get(), config.secretAccessKey().get()))
                : DefaultCredentialsProvider.builder().build();
        S3ClientBuilder client = S3Client.builder()
                // the JDK's HTTP client: no Netty or Apache client of the SDK's own beside Quarkus's
                .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(10)).socketTimeout(Duration.ofSeconds(60)))
                .region(Region.of(config.region()))
                .forcePathStyle(config.pathStyle())
                .requestChecksumCalculation(config.uploadChecksums() ? RequestChecksumCalculation.WHEN_SUPPORTED : RequestChecksumCalculation.WHEN_REQUIRED)
                .credentialsProvider(credentials);
        config.endpoint().ifPresent(client::endpointOverride);
        Path spool = Path.of(config.spoolDir().orElse(System.getProperty("java.io.tmpdir"))).resolve("recovery-evidence-spool");
        return new S3EvidenceStorage(client.build(), bucket, config.prefix(), encryption, config.partSize(), spool);
    }

    @Produces
    @Singleton
    EvidenceFileService evidenceFileService(EvidenceConfig config, EvidenceStorage storage) {
        return new EvidenceFileService(storage, new ContentInspector(config.maxImageSide(), config.maxImagePixels()), config.maxBytes());
    }

    /** Fails the start on a bad key configuration rather than on the first upload, and tidies up after a crash. */
    void onStart(@Observes StartupEvent start, EvidenceStorage storage, MasterKeyring keyring, EvidenceConfig config)
            throws IOException {
        if (storage instanceof FileSystemEvidenceStorage files) {
            int abandoned = files.deleteAbandonedTemporaryFiles(Instant.now());
            LOG.infof("Evidence storage in %s; master keys %s, current '%s'%s", Path.of(config.dir()).toAbsolutePath().normalize(), keyring.keyIds(),
                    keyring.currentKeyId(), abandoned > 0 ? "; removed " + abandoned + " abandoned temporary files" : "");
        } else if (storage instanceof S3EvidenceStorage bucket) {
            // a missing bucket or wrong credentials stop the start, rather than the first upload
            bucket.checkBucket();
            LOG.infof("Evidence storage in S3 bucket '%s'%s; master keys %s, current '%s'", bucket.bucket(),
                    config.s3().endpoint().map(uri -> " at " + uri).orElse(""), keyring.keyIds(), keyring.currentKeyId());
        }
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
