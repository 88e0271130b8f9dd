package com.recoverydesk.evidence;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
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

    /** Where the encrypted objects live: {@code filesystem} (under {@link #dir()}) or {@code s3} (see {@link #s3()}). */
    @WithDefault("filesystem")
    Storage storage();

    /** S3-compatible object storage, used when {@code storage=s3}. */
    S3 s3();

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

    enum Storage { filesystem, s3 }

    /** The bucket and how to reach it; AWS S3, MinIO, Ceph or any other server of the S3 API. */
    interface S3 {

        /** The bucket; required with {@code storage=s3}, and it must exist. */
        Optional<String> bucket();

        /** Key prefix of the evidence objects inside the bucket. */
        @WithDefault("evidence/")
        String prefix();

        /** The service's address, for a server other than AWS S3 (e.g. {@code http://minio:9000}); AWS's own when unset. */
        Optional<URI> endpoint();

        @WithDefault("us-east-1")
        String region();

        /** Path-style addressing ({@code http://host/bucket/key}), which MinIO and most S3-compatible servers need. */
        @WithDefault("false")
        boolean pathStyle();

        /**
         * Static credentials; both unset means the SDK's default chain (AWS_* environment variables,
         * the web identity token of an EKS service account, an instance profile).
         */
        Optional<String> accessKeyId();

        Optional<String> secretAccessKey();

        /**
         * Sends the SDK's CRC checksum with every upload, which AWS S3 verifies; servers that do not
         * take the SDK's trailing checksums (s3proxy, older MinIO and Ceph) need {@code false}. The
         * content is authenticated by its own encryption either way.
         */
        @WithDefault("true")
        boolean uploadChecksums();

        /**
         * Encrypted bytes per part of a multipart upload; S3 wants at least 5 MiB for every part but
         * the last. An object smaller than one part goes up in one PutObject.
         */
        @WithDefault("8388608")
        int partSize();

        /**
         * Where a part waits on local disk, encrypted, until it is sent: this keeps memory per upload
         * at a few buffers whatever the part size. The JVM's temporary directory when unset.
         */
        Optional<String> spoolDir();
    }
}
