package com.recoverydesk.engine;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.client.api.worker.JobHandler;
import io.camunda.client.api.worker.JobWorker;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;

import javax.sql.DataSource;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Helpers of the compatibility suite: the PostgreSQL data source (schema engine_it, dropped and
 * recreated once per run so it never meets the application's tables; database from RECOVERY_TEST_DB_URL),
 * the official Camunda client, and read-only looks at engine tables standing in for what Operate shows.
 * Classes that run their own engines extend this; the others extend {@link EngineTestSupport}.
 */
abstract class EngineTestHelpers {

    static final String SCHEMA = "engine_it";
    private static DataSource sharedDataSource;

    static EmbeddedEngine engine;
    static CamundaClient client;
    private final List<JobWorker> workers = new ArrayList<>();

    @AfterEach
    void closeWorkers() {
        workers.forEach(JobWorker::close);
        workers.clear();
    }

    static synchronized DataSource dataSource() {
        if (sharedDataSource == null) {
            String base = System.getenv().getOrDefault("RECOVERY_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/test");
            String user = System.getenv().getOrDefault("RECOVERY_TEST_DB_USER", "postgres");
            try {
                DataSource admin = pool(base, user, 2);
                try (Connection connection = admin.getConnection(); Statement statement = connection.createStatement()) {
                    statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
                    statement.execute("CREATE SCHEMA " + SCHEMA);
                }
                ((AgroalDataSource) admin).close();
                sharedDataSource = pool(base + (base.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA, user, 16);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot prepare schema " + SCHEMA, e);
            }
        }
        return sharedDataSource;
    }

    static DataSource pool(String url, String user, int size) throws SQLException {
        return AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(pool -> pool.maxSize(size).initialSize(1)
                        .connectionFactoryConfiguration(factory -> factory.jdbcUrl(url).principal(new NamePrincipal(user)))));
    }

    static CamundaClient clientFor(int port) {
        return CamundaClient.newClientBuilder()
                .grpcAddress(URI.create("http://127.0.0.1:" + port))
                .preferRestOverGrpc(false)
                .defaultJobWorkerStreamEnabled(false)
                .defaultJobPollInterval(Duration.ofMillis(50))
                .defaultRequestTimeout(Duration.ofSeconds(10))
                .build();
    }

    /** A name no other test uses, so job types, process ids and correlation keys never cross. */
    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    DeploymentEvent deploy(BpmnModelInstance model) {
        return client.newDeployResourceCommand().addProcessModel(model, "test.bpmn").send().join();
    }

    ProcessInstanceEvent start(String bpmnProcessId, Map<String, Object> variables) {
        return client.newCreateInstanceCommand().bpmnProcessId(bpmnProcessId).latestVersion().variables(variables).send().join();
    }

    JobWorker worker(String type, JobHandler handler) {
        return worker(type, Duration.ofSeconds(10), handler);
    }

    JobWorker worker(String type, Duration timeout, JobHandler handler) {
        JobWorker worker = client.newWorker().jobType(type).handler(handler).timeout(timeout)
                .pollInterval(Duration.ofMillis(50)).requestTimeout(Duration.ofSeconds(2)).open();
        workers.add(worker);
        return worker;
    }

    // ---- observations (what Operate would show) ----

    static String instanceState(long instanceKey) {
        return queryString("SELECT state FROM engine_process_instance WHERE instance_key = ?", instanceKey);
    }

    static Map<String, Object> processVariables(long instanceKey) {
        String document = queryString("SELECT document FROM engine_variable_scope WHERE scope_key = ?", instanceKey);
        return document == null ? Map.of() : Json.readStored(document);
    }

    static List<Long> incidents(long instanceKey) {
        List<Long> keys = new ArrayList<>();
        try (Connection connection = dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT incident_key FROM engine_incident WHERE instance_key = ? ORDER BY incident_key")) {
            statement.setLong(1, instanceKey);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) keys.add(rs.getLong(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return keys;
    }

    static String incidentMessage(long incidentKey) {
        return queryString("SELECT error_type || ': ' || error_message FROM engine_incident WHERE incident_key = ?", incidentKey);
    }

    static List<String> waitingElements(long instanceKey) {
        List<String> ids = new ArrayList<>();
        try (Connection connection = dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT element_id FROM engine_element_instance WHERE instance_key = ? ORDER BY element_id")) {
            statement.setLong(1, instanceKey);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) ids.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return ids;
    }

    private static String queryString(String sql, long key) {
        try (Connection connection = dataSource().getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, key);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long giveUp = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > giveUp) fail("timed out waiting until " + what);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }

    static void awaitCompleted(long instanceKey) {
        await("instance " + instanceKey + " completed", Duration.ofSeconds(15), () -> "COMPLETED".equals(instanceState(instanceKey)));
    }
}
