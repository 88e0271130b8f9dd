package com.recoverydesk.support;

import static io.restassured.RestAssured.given;

import io.smallrye.jwt.build.Jwt;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Tokens for tests: real ones from {@code POST /api/v1/auth/token} for the demo staff, and the
 * bad ones an attacker would try (tampered, expired, unsigned, wrong issuer, foreign key).
 */
public final class TestTokens {

    public static final String DEMO_PASSWORD = "recovery-demo";
    /** One demo staff member per role (DESIGN.md §11). */
    public static final Map<String, String> USER_FOR_ROLE = Map.of(
            "agent", "agent1",
            "supervisor", "supervisor1",
            "compliance", "compliance1",
            "manager", "manager1",
            "admin", "admin1");

    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private TestTokens() {
    }

    /** A token for the role's demo user, issued once per run (do not sign it out). */
    public static String forRole(String role) {
        if ("requester".equals(role)) {
            return requester();
        }
        return CACHE.computeIfAbsent(role, r -> signIn(USER_FOR_ROLE.get(r)));
    }

    /** A fresh token, for tests that sign it out. */
    public static String signIn(String username) {
        return given().contentType("application/json")
                .body(Map.of("username", username, "password", DEMO_PASSWORD))
                .post("/api/v1/auth/token")
                .then().statusCode(200)
                .extract().path("accessToken");
    }

    /** A real requester's case token (of a case opened once per run), with only the {@code requester} group. */
    public static String requester() {
        return CACHE.computeIfAbsent("requester", r -> (String) TestAccounts.openCase(TestAccounts.create()).get("caseToken"));
    }

    public static String expired(String role) {
        if ("requester".equals(role)) {
            Instant past = Instant.now().minusSeconds(7200);
            return Jwt.issuer(issuer()).subject("some-case").groups(Set.of(role)).issuedAt(past).expiresAt(past.plusSeconds(1800)).sign();
        }
        Instant past = Instant.now().minusSeconds(7200);
        return Jwt.issuer(issuer()).upn(USER_FOR_ROLE.get(role)).groups(Set.of(role))
                .issuedAt(past).expiresAt(past.plusSeconds(1800)).sign();
    }

    public static String wrongIssuer(String role) {
        return Jwt.issuer("https://attacker.example/issuer").upn(USER_FOR_ROLE.get(role)).groups(Set.of(role)).expiresIn(600).sign();
    }

    public static String signedWithForeignKey(String role) {
        return Jwt.issuer(issuer()).upn(USER_FOR_ROLE.get(role)).groups(Set.of(role)).expiresIn(600).sign(ForeignKey.PRIVATE);
    }

    /** An attacker's own RSA key, made once: generating one per token would slow the suite down. */
    private static final class ForeignKey {
        static final java.security.PrivateKey PRIVATE = generate();

        private static java.security.PrivateKey generate() {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                return generator.generateKeyPair().getPrivate();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A real token whose payload was changed to claim every role; the signature no longer fits. */
    public static String tampered(String token) {
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String forged = payload.replaceFirst("\"groups\":\\[[^]]*]",
                "\"groups\":[\"agent\",\"supervisor\",\"compliance\",\"manager\",\"admin\"]");
        return parts[0] + "." + base64Url(forged) + "." + parts[2];
    }

    /** The same claims with {@code alg: none} and no signature. */
    public static String unsigned(String token) {
        String payload = token.split("\\.")[1];
        return base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + payload + ".";
    }

    public static String issuer() {
        return ConfigProvider.getConfig().getValue("recovery.identity.issuer", String.class);
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
