package com.recoverydesk.accounts;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.recoverydesk.support.KeycloakProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.ServerSocket;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;

/**
 * Keycloak down: every operation fails as a technical fault the job retries, never as a business
 * answer (a NOT_FOUND would reject the case), and its text carries no address.
 */
@QuarkusTest
@TestProfile(KeycloakProfile.class)
class KeycloakUnavailableTest {

    @Inject
    AccountsConfig config;

    Keycloak unreachable;
    KeycloakAccountDirectory directory;

    @BeforeEach
    void pointAtAClosedPort() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort(); // closed again: nothing listens there
        }
        unreachable = KeycloakBuilder.builder().serverUrl("http://127.0.0.1:" + port).realm("customers")
                .clientId("recovery-desk").clientSecret("any").grantType("client_credentials").build();
        directory = new KeycloakAccountDirectory(config, () -> unreachable);
    }

    @AfterEach
    void close() {
        unreachable.close();
    }

    @Test
    void shouldFailEveryOperationAsRetryableWhileKeycloakIsDown() {
        String ref = "3f1e0c8a-0000-4000-8000-000000000001";
        for (Runnable operation : new Runnable[] {
                () -> directory.findByEmail("someone@example.com"),
                () -> directory.findByRef(ref),
                () -> directory.lockWithdrawals(ref, Instant.now()),
                () -> directory.startReEnrolment(ref, "case-1"),
                () -> directory.removeAuthenticators(ref),
                () -> directory.revokeSessions(ref, Instant.now())}) {
            DirectoryUnavailableException failure = assertThrows(DirectoryUnavailableException.class, operation::run);
            assertFalse(failure.getMessage().contains("@"), failure.getMessage());
            assertTrue(failure.getCause() == null, "no cause whose text might hold the request");
        }
    }
}
