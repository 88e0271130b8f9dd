package com.recoverydesk.workers;

import com.recoverydesk.process.EngineConfig;
import com.recoverydesk.process.ProcessEngine;
import com.recoverydesk.process.RecoveryProcess.JobTypes;
import com.recoverydesk.process.RecoveryProcess;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.camunda.client.api.worker.JobWorker;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.jboss.logging.Logger;

/**
 * The one place where job workers are registered: each job type of the BPMN with the worker
 * method that handles it. Every job goes the same way: the case-instance guard and the method run
 * in one transaction (so a case withdrawn meanwhile is not acted on); its result completes the job,
 * a {@link BusinessError} becomes a BPMN error, and any other failure fails the job with one retry
 * less and the configured back-off (none left for a fault that a retry cannot cure). Nothing escapes
 * the handler: the client would write the exception's stack trace as the incident text, so a failure
 * becomes a fixed fault code and a reference, and the detail goes to the log without e-mail addresses.
 * An answer the engine refuses with NOT_FOUND means the job is gone (the instance moved on or was
 * cancelled): done.
 */
@ApplicationScoped
public class ProcessWorkers {

    @FunctionalInterface
    interface JobMethod {
        Map<String, Object> handle(ActivatedJob job);
    }

    /** What a step came to, decided inside its transaction and told to the engine after the commit. */
    private record StepOutcome(Map<String, Object> variables, BusinessError businessError, boolean strayInstance) {
    }

    private static final Logger LOG = Logger.getLogger(ProcessWorkers.class);

    private final CamundaClient client;
    private final EngineConfig config;
    private final CaseInstanceGuard guard;
    private final TransactionManager transactions;
    private final IntakeWorker intake;
    private final ReviewWorker review;
    private final ClosureWorker closure;
    private final ResetWorker reset;
    private final List<JobWorker> workers = new ArrayList<>();
    private volatile boolean shuttingDown;

    public ProcessWorkers(CamundaClient client, EngineConfig config, CaseInstanceGuard guard, TransactionManager transactions,
                          IntakeWorker intake, ReviewWorker review, ClosureWorker closure, ResetWorker reset) {
        this.client = client;
        this.config = config;
        this.guard = guard;
        this.transactions = transactions;
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
                .maxJobsActive(config.maxJobsActive())
                .pollInterval(Duration.ofMillis(200))
                .requestTimeout(Duration.ofSeconds(10))
                .open());
    }

    void handle(JobClient jobClient, ActivatedJob job, JobMethod method) {
        StepOutcome outcome;
        try {
            outcome = runStep(job, method);
        } catch (Exception failure) {
            if (shuttingDown || Thread.currentThread().isInterrupted()) {
                // stopping: leave the job to time out and come back, without spending one of its retries
                return;
            }
            fail(jobClient, job, JobFault.of(failure));
            return;
        }
        try {
            if (outcome.strayInstance()) {
                LOG.infof("Cancelling process instance %d: it is not the instance of its case", job.getProcessInstanceKey());
                client.newCancelInstanceCommand(job.getProcessInstanceKey()).send().join();
            } else if (outcome.businessError() != null) {
                jobClient.newThrowErrorCommand(job).errorCode(outcome.businessError().errorCode())
                        .errorMessage(outcome.businessError().getMessage()).send().join();
            } else {
                jobClient.newCompleteCommand(job).variables(outcome.variables()).send().join();
            }
        } catch (RuntimeException failure) {
            if (isNotFound(failure)) {
                // the job or the instance is gone: someone else finished or cancelled it; the step's work stands
                LOG.debugf("Job %d (%s) was gone when answered: done", job.getKey(), job.getType());
                return;
            }
            // the step committed; the job comes back after its timeout and the step ledger makes the retry a no-op
            JobFault fault = JobFault.of(failure);
            LOG.warnf("Job %d (%s) done but not answered [ref %s]: %s", job.getKey(), job.getType(), fault.reference(), fault.detail());
        }
    }

    /** The guard and the worker method in one transaction: checked and acted on under the case's row lock. */
    private StepOutcome runStep(ActivatedJob job, JobMethod method) throws Exception {
        transactions.begin();
        try {
            StepOutcome outcome;
            Object caseId = job.getVariablesAsMap().get(RecoveryProcess.Variables.CASE_ID);
            if (!guard.isTheCasesInstance(caseId instanceof String id ? id : null, job.getProcessInstanceKey())) {
                outcome = new StepOutcome(null, null, true);
            } else {
                try {
                    outcome = new StepOutcome(method.handle(job), null, false);
                } catch (BusinessError business) {
                    outcome = new StepOutcome(null, business, false);
                }
            }
            if (transactions.getStatus() == Status.STATUS_MARKED_ROLLBACK) {
                // a business outcome whose service rolled its work back: the outcome stands, its writes do not
                transactions.rollback();
            } else {
                transactions.commit();
            }
            return outcome;
        } catch (Exception | Error failure) {
            if (transactions.getStatus() != Status.STATUS_NO_TRANSACTION) {
                transactions.rollback();
            }
            throw failure;
        }
    }

    private void fail(JobClient jobClient, ActivatedJob job, JobFault fault) {
        int retries = fault.retryable() ? Math.max(job.getRetries() - 1, 0) : 0;
        LOG.warnf("Job %d (%s) of instance %d failed [ref %s, %s], %d retries left: %s", job.getKey(), job.getType(),
                job.getProcessInstanceKey(), fault.reference(), fault.code(), retries, fault.detail());
        try {
            jobClient.newFailCommand(job).retries(retries).retryBackoff(config.retryBackoff())
                    .errorMessage(fault.incidentText()).send().join();
        } catch (RuntimeException failure) {
            if (!isNotFound(failure)) {
                // the job comes back after its timeout and is tried again
                LOG.warnf("Job %d (%s): its failure [ref %s] could not be reported: %s", job.getKey(), job.getType(), fault.reference(),
                        JobFault.describe(failure));
            }
        }
    }

    private static boolean isNotFound(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause instanceof ClientStatusException status && status.getStatusCode() == io.grpc.Status.Code.NOT_FOUND;
    }
}
