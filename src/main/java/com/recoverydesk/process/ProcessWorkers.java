package com.recoverydesk.process;

import com.recoverydesk.process.RecoveryProcess.JobTypes;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.camunda.client.api.worker.JobWorker;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The one place where job workers are registered: each job type of the BPMN with the worker
 * method that handles it. Every job goes the same way: the case-instance guard, then the method;
 * its result completes the job, a {@link BusinessError} becomes a BPMN error, and any other
 * failure fails the job with one retry less and the configured back-off.
 */
@ApplicationScoped
public class ProcessWorkers {

    @FunctionalInterface
    interface JobMethod {
        Map<String, Object> handle(ActivatedJob job);
    }

    private static final Logger LOG = Logger.getLogger(ProcessWorkers.class);

    private final CamundaClient client;
    private final EngineConfig config;
    private final CaseInstanceGuard guard;
    private final IntakeWorker intake;
    private final ReviewWorker review;
    private final ClosureWorker closure;
    private final ResetWorker reset;
    private final List<JobWorker> workers = new ArrayList<>();
    private volatile boolean shuttingDown;

    public ProcessWorkers(CamundaClient client, EngineConfig config, CaseInstanceGuard guard,
                          IntakeWorker intake, ReviewWorker review, ClosureWorker closure, ResetWorker reset) {
        this.client = client;
        this.config = config;
        this.guard = guard;
        this.intake = intake;
        this.review = review;
        this.closure = closure;
        this.reset = reset;
    }

    void start(@Observes @Priority(ProcessEngine.STARTUP_ORDER + 10) StartupEvent startup) {
        register(JobTypes.ASSESS_RISK, intake::assessRisk);
        register(JobTypes.REQUEST_EVIDENCE, intake::requestEvidence);
        register(JobTypes.SEND_REMINDER, intake::sendReminder);
        register(JobTypes.OPEN_REVIEW, review::openReview);
        register(JobTypes.REQUEST_MORE_INFO, review::requestMoreInfo);
        register(JobTypes.OPEN_APPROVAL, review::openApproval);
        register(JobTypes.ESCALATE, review::escalate);
        register(JobTypes.NOTIFY_REJECTION, closure::notifyRejection);
        register(JobTypes.CLOSE_CASE, closure::closeCase);
        register(JobTypes.ANNOUNCE_RESET, reset::announceReset);
        register(JobTypes.FREEZE_CASE, reset::freezeCase);
        register(JobTypes.RESET_2FA, reset::reset2fa);
        register(JobTypes.NOTIFY_RESET_COMPLETE, reset::notifyResetComplete);
    }

    void stop(@Observes @Priority(1) ShutdownEvent shutdown) {
        shuttingDown = true;
        workers.forEach(JobWorker::close);
    }

    private void register(String jobType, JobMethod method) {
        workers.add(client.newWorker()
                .jobType(jobType)
                .handler((jobClient, job) -> handle(jobClient, job, method))
                .name("recovery-desk:" + jobType)
                .timeout(config.jobTimeout())
                .maxJobsActive(16)
                .pollInterval(Duration.ofMillis(200))
                .requestTimeout(Duration.ofSeconds(10))
                .open());
    }

    private void handle(JobClient jobClient, ActivatedJob job, JobMethod method) {
        String caseId = (String) job.getVariablesAsMap().get(RecoveryProcess.Variables.CASE_ID);
        if (!guard.isTheCasesInstance(caseId, job.getProcessInstanceKey())) {
            LOG.infof("Cancelling process instance %d: it is not the instance of its case", job.getProcessInstanceKey());
            client.newCancelInstanceCommand(job.getProcessInstanceKey()).send().join();
            return;
        }
        try {
            Map<String, Object> variables = method.handle(job);
            jobClient.newCompleteCommand(job).variables(variables).send().join();
        } catch (BusinessError outcome) {
            jobClient.newThrowErrorCommand(job).errorCode(outcome.errorCode()).errorMessage(outcome.getMessage()).send().join();
        } catch (RuntimeException failure) {
            if (shuttingDown || Thread.currentThread().isInterrupted()) {
                // stopping: leave the job to time out and come back, without spending one of its retries
                return;
            }
            // the message names the case id and the fault, never a person: it may become an incident
            String message = failure.getClass().getSimpleName() + ": " + failure.getMessage();
            LOG.warnf("Job %d (%s) failed, %d retries left: %s", job.getKey(), job.getType(), job.getRetries() - 1, message);
            jobClient.newFailCommand(job).retries(Math.max(job.getRetries() - 1, 0))
                    .retryBackoff(config.retryBackoff()).errorMessage(message).send().join();
        }
    }
}
