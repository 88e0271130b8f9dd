package com.recoverydesk.identity;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Production refuses to start on the embedded default's demo values: an H2 database, generated
 * token, evidence or audit checkpoint keys, seeded demo data, the demo mailbox, or staff sign-in without TOTP.
 */
@ApplicationScoped
public class ProductionGuard {

    void check(@Observes StartupEvent start) {
        if (!ConfigUtils.getProfiles().contains("prod")) {
            return;
        }
        List<String> problems = demoValuesIn(ConfigProvider.getConfig());
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Refusing to start in production with demo settings: " + String.join("; ", problems));
        }
    }

    static List<String> demoValuesIn(Config config) {
        List<String> problems = new ArrayList<>();
        String jdbcUrl = value(config, "quarkus.datasource.jdbc.url").orElse("");
        if (jdbcUrl.isBlank() || jdbcUrl.startsWith("jdbc:h2:")) {
            problems.add("set RECOVERY_DB_URL to the PostgreSQL database");
        }
        if (value(config, "recovery.identity.key-dir").isPresent()) {
            problems.add("recovery.identity.key-dir is for the demo; configure the token keys (MP_JWT_VERIFY_PUBLICKEY_LOCATION, SMALLRYE_JWT_SIGN_KEY_LOCATION)");
        } else if (value(config, "mp.jwt.verify.publickey.location").isEmpty() && value(config, "mp.jwt.verify.publickey").isEmpty()) {
            problems.add("no token verification key: set MP_JWT_VERIFY_PUBLICKEY_LOCATION (a PEM file or an OIDC provider's JWKS address)");
        }
        if (value(config, "recovery.identity.seed-demo-data").map(Boolean::parseBoolean).orElse(false)) {
            problems.add("recovery.identity.seed-demo-data must be false");
        }
        if (!value(config, "recovery.identity.require-totp").map(Boolean::parseBoolean).orElse(true)) {
            problems.add("recovery.identity.require-totp must be true");
        }
        if (value(config, "recovery.mail.transport").orElse("demo").equals("demo")) {
            problems.add("recovery.mail.transport must be smtp");
        }
        if (value(config, "recovery.evidence.generated-key-file").isPresent()) {
            problems.add("recovery.evidence.generated-key-file is for the demo; configure RECOVERY_EVIDENCE_MASTER_KEYS_<ID> and RECOVERY_EVIDENCE_CURRENT_KEY_ID");
        }
        if (value(config, "recovery.audit.generated-key-file").isPresent()) {
            problems.add("recovery.audit.generated-key-file is for the demo; configure RECOVERY_AUDIT_SIGNING_KEY and RECOVERY_AUDIT_SIGNING_PUBLIC_KEY");
        } else if (value(config, "recovery.audit.signing-key").isEmpty()) {
            problems.add("no audit checkpoint key: set RECOVERY_AUDIT_SIGNING_KEY and RECOVERY_AUDIT_SIGNING_PUBLIC_KEY");
        }
        return problems;
    }

    private static Optional<String> value(Config config, String key) {
        return config.getOptionalValue(key, String.class).filter(v -> !v.isBlank());
    }
}
