package com.recoverydesk.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * s3proxy (org.gaul:s3proxy, its self-contained jar that Maven copies to {@code target/s3proxy}) as an
 * S3-compatible server beside the test JVM, on a free port, storing in a fresh directory under
 * {@code target/s3proxy}. Started on first use, once per JVM, and stopped when the JVM exits.
 *
 * <p>Quarkus loads test classes again for each test profile, so a static field alone would start one
 * server per class loader: the running server's address is kept in a system property, which every
 * class loader sees.
 */
public final class S3TestServer {

    public static final String ACCESS_KEY = "recovery-test-access";
    public static final String SECRET_KEY = "recovery-test-secret";
    public static final String REGION = "us-east-1";

    /** Set to the running server's address; a child JVM given it uses that server. */
    public static final String ENDPOINT_PROPERTY = "recovery.test.s3proxy.endpoint";
    private static final Path HOME = Path.of("target", "s3proxy");
    private static final Pattern LISTENING = Pattern.compile("Started ServerConnector@.*\\{(\\d+\\.\\d+\\.\\d+\\.\\d+):(\\d+)\\}");

    private S3TestServer() {
    }

    /** The server's address, starting it on first use. */
    public static URI endpoint() {
        synchronized (System.getProperties()) {
            String running = System.getProperty(ENDPOINT_PROPERTY);
            if (running == null) {
                running = start().toString();
                System.setProperty(ENDPOINT_PROPERTY, running);
            }
            return URI.create(running);
        }
    }

    /** A client for the test's own look at the bucket (raw objects, multipart uploads left behind). */
    public static S3Client client() {
        return S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .endpointOverride(endpoint())
                .region(Region.of(REGION))
                .forcePathStyle(true)
                // s3proxy does not take the SDK's trailing upload checksums (recovery.evidence.s3.upload-checksums=false)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }

    /** Creates the bucket unless it exists; returns its name. */
    public static String bucket(String name) {
        try (S3Client s3 = client()) {
            s3.createBucket(b -> b.bucket(name));
        } catch (BucketAlreadyOwnedByYouException exists) {
            return name;
        } catch (S3Exception e) {
            if (e.statusCode() != 409) {
                throw e;
            }
        }
        return name;
    }

    private static URI start() {
        Path jar = HOME.resolve("s3proxy.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: Maven copies it in generate-test-resources (run the tests through mvn)");
        }
        try {
            Path dir = Files.createTempDirectory(Files.createDirectories(HOME), "run-");
            Path blobs = Files.createDirectories(dir.resolve("blobs"));
            Path properties = dir.resolve("s3proxy.properties");
            Files.writeString(properties, String.join("\n",
                    "s3proxy.endpoint=http://127.0.0.1:0",
                    "s3proxy.authorization=aws-v2-or-v4",
                    "s3proxy.identity=" + ACCESS_KEY,
                    "s3proxy.credential=" + SECRET_KEY,
                    "jclouds.provider=filesystem-nio2",
                    "jclouds.filesystem.basedir=" + blobs.toAbsolutePath(),
                    ""));
            Path log = dir.resolve("s3proxy.log");
            ProcessBuilder builder = new ProcessBuilder(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-XX:+UseSerialGC",
                    "-jar", jar.toAbsolutePath().toString(), "--properties", properties.toAbsolutePath().toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().put("JETTY_LOG_LEVEL", "info"); // Jetty names the port it took
            Process process = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(process, dir), "s3proxy-stop"));
            return Eventually.find("s3proxy listening (log: " + log + ")", Duration.ofSeconds(90), () -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("s3proxy exited with " + process.exitValue() + ": " + tail(log));
                }
                Matcher matcher = LISTENING.matcher(read(log));
                return matcher.find() ? Optional.of(URI.create("http://127.0.0.1:" + matcher.group(2))) : Optional.empty();
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Starting s3proxy failed", e);
        }
    }

    private static void stop(Process process, Path dir) {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        } catch (InterruptedException | IOException e) {
            // the JVM is exiting; target/ is removed by the next clean
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static String tail(Path log) {
        String text = read(log);
        return text.substring(Math.max(0, text.length() - 2000));
    }
}
