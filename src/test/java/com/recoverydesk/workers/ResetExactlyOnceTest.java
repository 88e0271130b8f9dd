package com.recoverydesk.workers;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.recoverydesk.accounts.CustomerAccount;
import com.recoverydesk.cases.RecoveryCase;
import com.recoverydesk.process.RecoveryProcess;
import com.recoverydesk.reset.ObjectionService;
import com.recoverydesk.reset.ResetService;
import com.recoverydesk.reset.ResetStatusService;
import com.recoverydesk.support.ResetFixtures;
import com.recoverydesk.support.TestCases;
import com.recoverydesk.support.TestTokens;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The reset happens exactly once although its job is delivered at least once: a second delivery
 * after a forced job timeout, and a worker that crashes after the reset committed but before it
 * completed the job, both end with one reset, one withdrawal lock and one mail.
 */
@QuarkusTest
class ResetExactlyOnceTest {

    private static final Pattern LOCK = Pattern.compile("\"withdrawalsLockedUntil\":\"([^\"]+)\"");

    @Inject
    ResetService resets;

    @Inject
    ObjectionService objections;

    @Inject
    ResetStatusService status;

    @Inject
    CamundaClient client;

    /** Stands in for the reset worker during one test: after the real reset of the first delivery for the account, the fault. */
    private static final class FaultyResetWorker extends ResetWorker {
        private final ResetWorker real;
        private final String accountRef;
        private final BiConsumer<FaultyResetWorker, ActivatedJob> fault;
        final AtomicInteger deliveries = new AtomicInteger();

        FaultyResetWorker(ResetWorker real, String accountRef, BiConsumer<FaultyResetWorker, ActivatedJob> fault) {
            super(null, null, null);
            this.real = real;
            this.accountRef = accountRef;
            this.fault = fault;
        }

        @Override
        Map<String, Object> announceReset(ActivatedJob job) {
            return real.announceReset(job);
        }

        @Override
        Map<String, Object> freezeCase(ActivatedJob job) {
            return real.freezeCase(job);
        }

        @Override
        Map<String, Object> notifyResetComplete(ActivatedJob job) {
            return real.notifyResetComplete(job);
        }

        @Override
        Map<String, Object> reset2fa(ActivatedJob job) {
            Map<String, Object> result = real.reset2fa(job);
            String caseId = Jobs.caseId(job);
            boolean ours = QuarkusTransaction.requiringNew().call(() -> accountRef.equals(RecoveryCase.<RecoveryCase>findById(caseId).accountRef));
            if (ours && deliveries.incrementAndGet() == 1) {
                fault.accept(this, job);
            }
            return result;
        }
    }

    @Test
    void shouldResetOnceWhenTheJobComesBackAfterItsTimeout() {
        assertResetOnceDespite((worker, job) -> {
            // too slow: the job times out, and another worker takes it and completes it before this delivery answers
            client.newUpdateTimeoutCommand(job.getKey()).timeout(Duration.ofMillis(1)).send().join();
            Optional<ActivatedJob> again = Optional.empty();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (again.isEmpty() && System.nanoTime() < deadline) {
                again = client.newActivateJobsCommand().jobType(RecoveryProcess.JobTypes.RESET_2FA).maxJobsToActivate(32)
                        .timeout(Duration.ofSeconds(30)).requestTimeout(Duration.ofSeconds(1)).send().join().getJobs().stream()
                        .filter(j -> j.getKey() == job.getKey()).findFirst();
            }
            // if the service's own poller took it instead, that second delivery runs right after this one
            again.ifPresent(second -> {
                worker.reset2fa(second);
                client.newCompleteCommand(second).send().join();
            });
        });
    }

    @Test
    void shouldResetOnceWhenTheWorkerCrashesBetweenTheResetAndTheCompletion() {
        assertResetOnceDespite((worker, job) -> {
            throw new IllegalStateException("worker crashed after the reset, before completing its job");
        });
    }

    private void assertResetOnceDespite(BiConsumer<FaultyResetWorker, ActivatedJob> fault) {
        ResetFixtures.Customer customer = ResetFixtures.customer(CustomerAccount.BalanceTier.STANDARD);
        FaultyResetWorker worker = new FaultyResetWorker(new ResetWorker(resets, objections, client), customer.accountRef(), fault);
        QuarkusMock.installMockForType(worker, ResetWorker.class);

        TestCases.ApprovedCase approved = TestCases.approvedCase(customer.email());
        ResetFixtures.awaitStatus(approved.caseToken(), "RECOVERED", Duration.ofSeconds(40));

        assertTrue(worker.deliveries.get() >= 2, "delivered " + worker.deliveries.get() + " times");
        List<String> story = ResetFixtures.story(approved.caseId());
        assertEquals(1, ResetFixtures.count(story, "system account.2fa-reset"), story.toString());
        assertEquals(1, ResetFixtures.count(story, "system reset.enrolment-link-sent"), story.toString());
        List<String> subjects = given().queryParam("to", customer.email()).get("/api/v1/demo/mailbox").then().extract().path("subject");
        assertEquals(1, subjects.stream().filter(s -> s.startsWith("Your 2FA was reset")).count(), subjects.toString());
        // one lock: the directory's lock is the one the single reset set
        OffsetDateTime audited = OffsetDateTime.parse(lockInTheTrail(approved.caseId()));
        assertEquals(audited.toInstant().truncatedTo(ChronoUnit.MILLIS),
                status.accountSecurity(approved.caseId()).orElseThrow().withdrawalLockedUntil().truncatedTo(ChronoUnit.MILLIS));
    }

    private static String lockInTheTrail(String caseId) {
        List<Map<String, Object>> events = given().auth().oauth2(TestTokens.forRole("compliance"))
                .queryParam("caseId", caseId).get("/api/v1/audit/events").then().statusCode(200).extract().path("events");
        String details = events.stream().filter(e -> "account.2fa-reset".equals(e.get("action"))).findFirst()
                .map(e -> String.valueOf(e.get("details"))).orElseThrow();
        Matcher matcher = LOCK.matcher(details);
        assertTrue(matcher.find(), details);
        return matcher.group(1);
    }
}
