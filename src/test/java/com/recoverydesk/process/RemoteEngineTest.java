package com.recoverydesk.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.recoverydesk.cases.RecoveryCase;
import com.recoverydesk.engine.EmbeddedEngine;
import com.recoverydesk.engine.EngineSettings;
import com.recoverydesk.support.Eventually;
import com.recoverydesk.support.TestAccounts;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code recovery.engine.mode=remote}: no engine starts inside the app, which reaches an engine at
 * another address through the same client. The engine is down when the case is opened; the outbox
 * keeps the start until the engine is up, and the case then starts exactly once.
 */
@QuarkusTest
@TestProfile(RemoteEngineTest.RemoteEngine.class)
class RemoteEngineTest {

    /** The app points at a port where, at first, nothing listens. */
    public static class RemoteEngine implements QuarkusTestProfile {
        static final int PORT = freePort();

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("recovery.engine.mode", "remote", "recovery.engine.grpc-address", "http://127.0.0.1:" + PORT);
        }
    }

    private static final String ENGINE_SCHEMA = "engine_remote_it";

    @Inject
    ProcessEngine processEngine;

    @Inject
    EntityManager entityManager;

    @Test
    void shouldStartNoEngineAndStartTheCaseOnceTheRemoteEngineIsUp() throws Exception {
        assertFalse(processEngine.isEmbedded());
        assertTrue(processEngine.overview().isEmpty());
        assertEquals(0L, QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                "select count(*) from information_schema.tables where table_schema = 'public' and table_name like 'engine%'")
                .getSingleResult()).longValue()), "no engine tables in the app's schema");

        String email = TestAccounts.create();
        String ticketRef = (String) TestAccounts.openCase(email).get("ticketRef");
        Eventually.await("a failed start attempt", () -> startCommand(ticketRef).attempts >= 1 && startCommand(ticketRef).lastError != null);
        assertNull(caseOf(ticketRef).processInstanceKey);

        AgroalDataSource engineDatabase = engineDataSource();
        try (EmbeddedEngine engine = EmbeddedEngine.start(EngineSettings.defaults().withPort(RemoteEngine.PORT).withCommandThreads(2), engineDatabase)) {
            TestAccounts.newestMailTextMatching(email, "please upload", Duration.ofSeconds(60));
            assertTrue(processEngine.isDeployed());
            assertNotNull(startCommand(ticketRef).doneAt);
            assertEquals("LOW", caseOf(ticketRef).riskLevel);
            assertEquals(1, countInstances(engineDatabase), "the case started exactly once");
            assertEquals(caseOf(ticketRef).processInstanceKey, engine.overview().activeInstances(10).get(0).key());
        } finally {
            engineDatabase.close();
        }
    }

    private static RecoveryCase caseOf(String ticketRef) {
        return QuarkusTransaction.requiringNew().call(() -> RecoveryCase.<RecoveryCase>find("ticketRef", ticketRef).firstResult());
    }

    private static OutboxCommand startCommand(String ticketRef) {
        String caseId = caseOf(ticketRef).id;
        return QuarkusTransaction.requiringNew().call(() -> OutboxCommand.<OutboxCommand>find("caseId = ?1 and kind = ?2",
                caseId, OutboxCommand.Kind.START_PROCESS).firstResult());
    }

    private static long countInstances(AgroalDataSource engineDatabase) throws SQLException {
        try (Connection connection = engineDatabase.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select count(*) from engine_process_instance")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** The engine keeps its state in a schema of its own, as a separate cluster would. */
    private static AgroalDataSource engineDataSource() throws SQLException {
        String url = System.getenv().getOrDefault("RECOVERY_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/test");
        String user = System.getenv().getOrDefault("RECOVERY_TEST_DB_USER", "postgres");
        try (AgroalDataSource admin = pool(url, user, 1); Connection connection = admin.getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("drop schema if exists " + ENGINE_SCHEMA + " cascade");
            statement.execute("create schema " + ENGINE_SCHEMA);
        }
        return pool(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + ENGINE_SCHEMA, user, 8);
    }

    private static AgroalDataSource pool(String url, String user, int size) throws SQLException {
        return AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(pool -> pool.maxSize(size).initialSize(1)
                        .connectionFactoryConfiguration(factory -> factory.jdbcUrl(url).principal(new NamePrincipal(user)))));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
