package com.recoverydesk.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import io.restassured.specification.RequestSpecification;

/**
 * The real Keycloak the Keycloak tests run against: the distribution that Maven unpacked into
 * target/keycloak-dist ({@code maven-dependency-plugin}), started once per test JVM with
 * {@code kc.sh start-dev} on free loopback ports, an in-memory database and the realms of
 * src/test/resources/keycloak imported. It outlives Quarkus' restarts between test profiles and
 * ends with the JVM: a shutdown hook stops it, and a watcher shell beside it ends it when the JVM
 * is gone, also after a {@code kill -9} of the JVM, when no hook runs.
 */
public final class KeycloakServer {

    public static final String CUSTOMERS_REALM = "customers";
    public static final String STAFF_REALM = "staff";
    public static final String OTHER_REALM = "other";
    public static final String DESK_CLIENT = "recovery-desk";
    public static final String DESK_SECRET = "recovery-desk-test-secret";
    public static final String STAFF_PASSWORD = "staff-test-password";
    private static final String ADMIN_PASSWORD = "keycloak-test-admin";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

    /**
     * Where the running server is, as a system property: Quarkus loads this class anew for each
     * test profile, so a static field would not outlive a restart, the JVM's properties do.
     */
    private static final String RUNNING = "recovery.test.keycloak.base-url";

    private final String baseUrl;

    private KeycloakServer(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** The running server, started on the first call in this JVM. */
    public static KeycloakServer get() {
        synchronized (System.getProperties()) {
            String running = System.getProperty(RUNNING);
            if (running == null) {
                running = start();
                System.setProperty(RUNNING, running);
            }
            return new KeycloakServer(running);
        }
    }

    public String baseUrl() {
        return baseUrl;
    }

    public String issuer(String realm) {
        return baseUrl + "/realms/" + realm;
    }

    /**
     * A request to the admin REST API as the master realm's administrator, for the tests' own
     * set-up and checks (never as the desk's client, whose changes are what the tests check). Plain
     * HTTP on purpose: Keycloak's admin client only works once the app under test has set it up.
     */
    public RequestSpecification admin() {
        String token = io.restassured.RestAssured.given().baseUri(issuer("master")).contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "password").formParam("client_id", "admin-cli")
                .formParam("username", "admin").formParam("password", ADMIN_PASSWORD)
                .post("/protocol/openid-connect/token").then().statusCode(200).extract().path("access_token");
        return io.restassured.RestAssured.given().baseUri(baseUrl + "/admin/realms").auth().oauth2(token).contentType("application/json");
    }

    /** The configuration that points the service at this server. */
    public Map<String, String> serviceConfig() {
        return Map.of(
                "recovery.accounts.directory", "keycloak",
                "quarkus.keycloak.admin-client.server-url", baseUrl,
                "quarkus.keycloak.admin-client.realm", CUSTOMERS_REALM,
                "quarkus.keycloak.admin-client.client-id", DESK_CLIENT,
                "quarkus.keycloak.admin-client.client-secret", DESK_SECRET,
                "quarkus.keycloak.admin-client.grant-type", "CLIENT_CREDENTIALS",
                "recovery.identity.staff-provider.issuer", issuer(STAFF_REALM));
    }

    private static String start() {
        Path home = distribution();
        try {
            Path importDir = home.resolve("data/import");
            Files.createDirectories(importDir);
            for (String realm : List.of(CUSTOMERS_REALM, STAFF_REALM, OTHER_REALM)) {
                Files.copy(Path.of("src/test/resources/keycloak", realm + "-realm.json"), importDir.resolve(realm + "-realm.json"),
                        StandardCopyOption.REPLACE_EXISTING);
            }
            int port = freePort();
            int managementPort = freePort();
            long jvm = ProcessHandle.current().pid();
            // the watcher: Keycloak runs as its child and is ended as soon as the test JVM is gone
            String script = "\"$KC\" start-dev --db=dev-mem --import-realm --http-host=127.0.0.1 --http-port=" + port
                    + " --http-management-port=" + managementPort + " --health-enabled=false --metrics-enabled=false & kc=$!\n"
                    + "trap 'kill $kc 2>/dev/null; wait $kc; exit 0' TERM INT\n"
                    + "while kill -0 " + jvm + " 2>/dev/null && kill -0 $kc 2>/dev/null; do sleep 1; done\n"
                    + "kill $kc 2>/dev/null; wait $kc\n";
            File log = home.resolve("keycloak-test.log").toFile();
            ProcessBuilder builder = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log));
            builder.environment().put("KC", home.resolve("bin/kc.sh").toString());
            builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
            builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
            // a modest heap: the machine is shared, and Keycloak takes what it may
            builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
            Process process = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(process), "keycloak-stop"));
            String baseUrl = "http://127.0.0.1:" + port;
            awaitReady(baseUrl, process, log);
            new KeycloakServer(baseUrl).allowAdminOnlyAttributes();
            return baseUrl;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Keycloak from " + home, e);
        }
    }

    /**
     * Keycloak 24+ drops user attributes its user profile does not declare. The desk's attributes
     * (the withdrawal lock among them) are for administrators only: the customer must not edit them.
     */
    private void allowAdminOnlyAttributes() {
        Map<String, Object> profile = new java.util.HashMap<>(admin().get("/" + CUSTOMERS_REALM + "/users/profile")
                .then().statusCode(200).extract().as(Map.class));
        profile.put("unmanagedAttributePolicy", "ADMIN_EDIT");
        admin().body(profile).put("/" + CUSTOMERS_REALM + "/users/profile").then().statusCode(200);
    }

    private static Path distribution() {
        Path dist = Path.of("target/keycloak-dist");
        try (Stream<Path> homes = Files.list(dist)) {
            return homes.filter(p -> Files.isExecutable(p.resolve("bin/kc.sh"))).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no Keycloak under " + dist.toAbsolutePath() + ": run the tests through Maven"))
                    .toAbsolutePath();
        } catch (IOException e) {
            throw new IllegalStateException("no Keycloak under " + dist.toAbsolutePath() + " (unpacked by mvn test): " + e.getMessage(), e);
        }
    }

    private static void awaitReady(String baseUrl, Process process, File log) {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak ended while starting; see " + log);
            }
            for (String realm : List.of(CUSTOMERS_REALM, STAFF_REALM, OTHER_REALM)) {
                if (!answers(baseUrl + "/realms/" + realm + "/.well-known/openid-configuration")) {
                    break;
                }
                if (realm.equals(OTHER_REALM)) {
                    return;
                }
            }
            try {
                Thread.sleep(500); // polling a starting server process: no event to wait for
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while Keycloak started", e);
            }
        }
        stop(process);
        throw new IllegalStateException("Keycloak did not start within " + START_TIMEOUT + "; see " + log);
    }

    private static boolean answers(String url) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
            connection.setConnectTimeout(1000);
            connection.setReadTimeout(2000);
            try {
                return connection.getResponseCode() == 200;
            } finally {
                connection.disconnect();
            }
        } catch (IOException notYet) {
            return false;
        }
    }

    private static void stop(Process process) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
