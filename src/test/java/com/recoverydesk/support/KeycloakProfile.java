package com.recoverydesk.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * The one test profile of the Keycloak tests: the service with the Keycloak account directory and
 * the staff realm's tokens accepted. Every Keycloak test uses this profile, so the app restarts
 * for them once; the server itself starts once per JVM ({@link KeycloakServer}).
 */
public class KeycloakProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Server.class));
    }

    /** Hands the running server's addresses to the app; stopping is the JVM's (see KeycloakServer). */
    public static class Server implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            return KeycloakServer.get().serviceConfig();
        }

        @Override
        public void stop() {
            // the server outlives this profile's app: other Keycloak test classes may follow
        }
    }
}
