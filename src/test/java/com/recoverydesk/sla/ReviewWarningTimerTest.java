package com.recoverydesk.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.recoverydesk.engine.ControlledClock;
import com.recoverydesk.engine.EmbeddedEngine;
import com.recoverydesk.engine.EngineSettings;
import com.recoverydesk.process.RecoveryProcess;
import com.recoverydesk.support.Eventually;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The review's SLA warning timer of the real process, on an engine whose clock the test moves: a
 * HIGH-risk case submitted on Friday evening with a Monday-to-Friday calendar is escalated on Monday
 * at the warning point (6 of its 8 working hours), not before.
 */
class ReviewWarningTimerTest {

    private static final String SCHEMA = "sla_timer_it";
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    // Friday 4 December 2026, 18:30 in Berlin
    private static final ControlledClock CLOCK = new ControlledClock(Instant.parse("2026-12-04T17:30:00Z"));
    private static final SlaPolicy POLICY = new SlaPolicy(
            BusinessCalendar.of(BERLIN, EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), "09:00-17:00", java.util.Set.of()),
            Map.of("LOW", Duration.ofHours(4)), Map.of("LOW", Duration.ofHours(24)),
            Map.of("LOW", Duration.ofHours(48), "HIGH", Duration.ofHours(8)), Duration.ofHours(8), 0.75);

    private static AgroalDataSource dataSource;
    private static EmbeddedEngine engine;
    private static CamundaClient client;

    @BeforeAll
    static void startEngineOnControlledClock() throws SQLException {
        String base = System.getenv().getOrDefault("RECOVERY_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/test");
        String user = System.getenv().getOrDefault("RECOVERY_TEST_DB_USER", "postgres");
        try (AgroalDataSource admin = pool(base, user); Connection c = admin.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            s.execute("CREATE SCHEMA " + SCHEMA);
        }
        dataSource = pool(base + (base.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA, user);
        engine = EmbeddedEngine.start(EngineSettings.defaults().withPort(0).withClock(CLOCK), dataSource);
        client = CamundaClient.newClientBuilder().grpcAddress(URI.create("http://127.0.0.1:" + engine.port()))
                .preferRestOverGrpc(false).defaultRequestTimeout(Duration.ofSeconds(10)).build();
        client.newDeployResourceCommand().addResourceFromClasspath(RecoveryProcess.RESOURCE).send().join();
    }

    @AfterAll
    static void stopEngine() {
        if (client != null) client.close();
        if (engine != null) engine.close();
        if (dataSource != null) dataSource.close();
    }

    @Test
    void shouldEscalateTheReviewAtItsWarningPointOnTheBusinessCalendar() {
        String caseId = UUID.randomUUID().toString();
        long instance = client.newCreateInstanceCommand().bpmnProcessId(RecoveryProcess.PROCESS_ID).latestVersion()
                .variables(Map.of(RecoveryProcess.Variables.CASE_ID, caseId, RecoveryProcess.Variables.TICKET_REF, "RCV-TEST-0001"))
                .send().join().getProcessInstanceKey();
        complete(RecoveryProcess.JobTypes.ASSESS_RISK, instance, Map.of(RecoveryProcess.Variables.RISK_LEVEL, "HIGH",
                RecoveryProcess.Variables.REQUIRED_EVIDENCE, List.of("ID_FRONT"),
                RecoveryProcess.Variables.EVIDENCE_REMINDER_AFTER, "P30D", RecoveryProcess.Variables.EVIDENCE_TIMEOUT, "P60D"));
        complete(RecoveryProcess.JobTypes.REQUEST_EVIDENCE, instance, Map.of());
        client.newPublishMessageCommand().messageName(RecoveryProcess.Messages.EVIDENCE_SUBMITTED).correlationKey(caseId)
                .messageId("evidence-submitted:" + caseId).send().join();

        // what the open-review worker answers: the warning point laid on the calendar from now
        SlaPolicy.Due due = POLICY.reviewDue("HIGH", CLOCK.instant());
        assertEquals(Instant.parse("2026-12-07T14:00:00Z"), due.warningAt(), "Monday 15:00 in Berlin");
        complete(RecoveryProcess.JobTypes.OPEN_REVIEW, instance,
                Map.of(RecoveryProcess.Variables.REVIEW_WARNING_AT, due.warningAt().atOffset(ZoneOffset.UTC).toString()));
        long timerDue = Eventually.find("the warning timer is set", Eventually.DEFAULT, () -> timerDueAt(instance, "Event_ReviewSlaWarning"));
        assertEquals(due.warningAt().toEpochMilli(), timerDue);

        CLOCK.advance(Duration.between(CLOCK.instant(), due.warningAt()).minusMinutes(1));
        assertTrue(activate(RecoveryProcess.JobTypes.ESCALATE, Duration.ofMillis(300)).isEmpty(), "not escalated a minute before");
        assertEquals(Optional.of(timerDue), timerDueAt(instance, "Event_ReviewSlaWarning"), "the timer still waits");

        CLOCK.advance(Duration.ofMinutes(1));
        ActivatedJob escalation = Eventually.find("escalated at the warning point", Eventually.DEFAULT,
                () -> activate(RecoveryProcess.JobTypes.ESCALATE, Duration.ofMillis(300)));
        assertEquals("REVIEW", escalation.getCustomHeaders().get(RecoveryProcess.Headers.STAGE));
        assertEquals(caseId, escalation.getVariablesAsMap().get(RecoveryProcess.Variables.CASE_ID));
        assertTrue(waitingElements(instance).contains(RecoveryProcess.Elements.REVIEW), "the review goes on (non-interrupting)");
    }

    private static void complete(String type, long instance, Map<String, Object> variables) {
        ActivatedJob job = Eventually.find(type + " activated", Eventually.DEFAULT, () -> activate(type, Duration.ofMillis(500)));
        assertEquals(instance, job.getProcessInstanceKey());
        client.newCompleteCommand(job.getKey()).variables(variables).send().join();
    }

    private static Optional<ActivatedJob> activate(String type, Duration wait) {
        return client.newActivateJobsCommand().jobType(type).maxJobsToActivate(1).timeout(Duration.ofMinutes(5))
                .requestTimeout(wait).send().join().getJobs().stream().findFirst();
    }

    private static Optional<Long> timerDueAt(long instance, String elementId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select due_at from engine_timer where instance_key = ? and element_id = ?")) {
            s.setLong(1, instance);
            s.setString(2, elementId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> waitingElements(long instance) {
        List<String> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select element_id from engine_element_instance where instance_key = ?")) {
            s.setLong(1, instance);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) ids.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return ids;
    }

    private static AgroalDataSource pool(String url, String user) throws SQLException {
        return AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(pool -> pool.maxSize(4).initialSize(1)
                        .connectionFactoryConfiguration(factory -> factory.jdbcUrl(url).principal(new NamePrincipal(user)))));
    }
}
