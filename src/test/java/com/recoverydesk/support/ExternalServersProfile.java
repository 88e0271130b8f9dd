package com.recoverydesk.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The service with its real integrations instead of the embedded defaults: mail through SMTP to
 * GreenMail ({@link SmtpTestServer}), evidence in an S3 bucket of s3proxy ({@link S3TestServer}). One
 * profile for both, so that the suite restarts the application once for them.
 */
public class ExternalServersProfile implements QuarkusTestProfile {

    /** The bucket the service keeps its evidence in. */
    public static final String BUCKET = "recovery-desk-test";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("recovery.mail.transport", "smtp"),
                Map.entry("recovery.mail.poll-interval", "PT0.5S"),
                Map.entry("quarkus.mailer.mock", "false"),
                Map.entry("quarkus.mailer.host", "127.0.0.1"),
                Map.entry("quarkus.mailer.port", String.valueOf(SmtpTestServer.port())),
                Map.entry("quarkus.mailer.tls", "false"),
                Map.entry("quarkus.mailer.start-tls", "DISABLED"),
                // a connection reset before the greeting leaves the mail client waiting: the blocking
                // mailer's timeout (60 s by default) ends the try, and the outbox retries it
                Map.entry("quarkus.mailer.timeout", "PT5S"),
                Map.entry("recovery.evidence.storage", "s3"),
                Map.entry("recovery.evidence.s3.bucket", S3TestServer.bucket(BUCKET)),
                Map.entry("recovery.evidence.s3.endpoint", S3TestServer.endpoint().toString()),
                Map.entry("recovery.evidence.s3.region", S3TestServer.REGION),
                Map.entry("recovery.evidence.s3.path-style", "true"),
                Map.entry("recovery.evidence.s3.access-key-id", S3TestServer.ACCESS_KEY),
                Map.entry("recovery.evidence.s3.secret-access-key", S3TestServer.SECRET_KEY),
                Map.entry("recovery.evidence.s3.upload-checksums", "false"));
    }
}
