package com.recoverydesk.accounts;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;

/**
 * One admin client for the whole service, built on first use from the extension's
 * {@code quarkus.keycloak.admin-client.*} settings (the extension supplies the REST client under it).
 * Built here rather than injected from the extension because the reset and the intake call the
 * directory from job handlers and after-commit threads, where no request context is active, and
 * one client keeps its service-account token between calls instead of fetching one per request.
 */
@ApplicationScoped
public class KeycloakAdminClient {

    private static final String PREFIX = "quarkus.keycloak.admin-client.";

    private final Config config;
    private volatile Keycloak client;

    public KeycloakAdminClient(Config config) {
        this.config = config;
    }

    public Keycloak get() {
        Keycloak built = client;
        if (built == null) {
            synchronized (this) {
                built = client;
                if (built == null) {
                    built = build();
                    client = built;
                }
            }
        }
        return built;
    }

    private Keycloak build() {
        String serverUrl = config.getOptionalValue(PREFIX + "server-url", String.class)
                .orElseThrow(() -> new IllegalStateException(PREFIX + "server-url is not set (recovery.accounts.directory=keycloak)"));
        return KeycloakBuilder.builder()
                .serverUrl(serverUrl)
                .realm(config.getOptionalValue(PREFIX + "realm", String.class).orElse("master"))
                .clientId(config.getValue(PREFIX + "client-id", String.class))
                .clientSecret(config.getOptionalValue(PREFIX + "client-secret", String.class).orElse(null))
                .grantType("client_credentials")
                .build();
    }

    void close(@Observes ShutdownEvent stop) {
        Keycloak built = client;
        if (built != null) {
            built.close();
        }
    }
}
