package com.recoverydesk.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProductionGuardTest {

    private static final Map<String, String> PRODUCTION = Map.of(
            "quarkus.datasource.jdbc.url", "jdbc:postgresql://db.internal:5432/recovery",
            "mp.jwt.verify.publickey.location", "https://idp.internal/realms/desk/protocol/openid-connect/certs",
            "recovery.identity.require-totp", "true",
            "recovery.identity.seed-demo-data", "false",
            "recovery.mail.transport", "smtp",
            "recovery.audit.signing-key", "MC4CAQAwBQYDK2VwBCIEIA==");

    @Test
    void shouldAcceptARealProductionSetting() {
        assertEquals(List.of(), ProductionGuard.demoValuesIn(config(PRODUCTION)));
    }

    @Test
    void shouldNameEveryDemoValue() {
        Map<String, String> demo = new HashMap<>(PRODUCTION);
        demo.put("quarkus.datasource.jdbc.url", "jdbc:h2:file:./data/recovery-desk");
        demo.put("recovery.identity.key-dir", "./data/keys");
        demo.put("recovery.identity.seed-demo-data", "true");
        demo.put("recovery.identity.require-totp", "false");
        demo.put("recovery.mail.transport", "demo");
        demo.put("recovery.evidence.generated-key-file", "./data/keys/evidence-master.key");
        demo.put("recovery.audit.generated-key-file", "./data/keys/audit-checkpoint-key.pem");
        List<String> problems = ProductionGuard.demoValuesIn(config(demo));
        assertEquals(7, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("RECOVERY_DB_URL"));
    }

    @Test
    void shouldRequireAVerificationKey() {
        Map<String, String> noKey = new HashMap<>(PRODUCTION);
        noKey.remove("mp.jwt.verify.publickey.location");
        assertTrue(ProductionGuard.demoValuesIn(config(noKey)).get(0).contains("MP_JWT_VERIFY_PUBLICKEY_LOCATION"));
    }

    @Test
    void shouldRequireAConfiguredAuditCheckpointKey() {
        Map<String, String> noKey = new HashMap<>(PRODUCTION);
        noKey.remove("recovery.audit.signing-key");
        assertEquals(List.of("no audit checkpoint key: set RECOVERY_AUDIT_SIGNING_KEY and RECOVERY_AUDIT_SIGNING_PUBLIC_KEY"),
                ProductionGuard.demoValuesIn(config(noKey)));
    }

    private static SmallRyeConfig config(Map<String, String> values) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(values, "test", 100)).build();
    }
}
