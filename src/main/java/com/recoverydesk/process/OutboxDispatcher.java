package com.recoverydesk.process;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.grpc.Status;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Sends the outbox's commands to the engine and marks them done, retrying with back-off while the
 * engine is unavailable (DESIGN.md §6). Publishing carries the command's message id, so a retried
 * publish that the engine already took is answered ALREADY_EXISTS and counts as done.
 */
@ApplicationScoped
public class OutboxDispatcher {

    private static final Logger LOG = Logger.getLogger(OutboxDispatcher.class);
    private static final int BATCH = 200;
    /** Long enough for a message to wait for its catch event, short enough not to meet a later one. */
    static final Duration MESSAGE_TTL = Duration.ofHours(1);

    private final OutboxStore store;
    private final CamundaClient client;
    private final Duration pollInterval;
    /** Released when a transaction that wrote to the outbox commits, so that the loop wakes at once. */
    private final Semaphore wakeUp = new Semaphore(0);
    private volatile boolean running;
    private Thread loop;

    public OutboxDispatcher(OutboxStore store, CamundaClient client,
                            @ConfigProperty(name = "recovery.outbox.poll-interval", defaultValue = "1s") Duration pollInterval) {
        this.store = store;
        this.client = client;
        this.pollInterval = pollInterval;
    }

    void start(@Observes @Priority(ProcessEngine.STARTUP_ORDER + 20) StartupEvent startup) {
        running = true;
        loop = new Thread(this::run, "outbox-dispatcher");
        loop.setDaemon(true);
        loop.start();
    }

    void stop(@Observes @Priority(1) ShutdownEvent shutdown) throws InterruptedException {
        running = false;
        wakeUp.release();
        if (loop != null) {
            loop.join(5_000);
        }
    }

    /** Wakes the dispatcher: new commands were committed. */
    public void nudge() {
        wakeUp.release();
    }

    private void run() {
        while (running) {
            try {
                dispatchDue();
            } catch (RuntimeException e) {
                LOG.warnf(e, "Outbox dispatch round failed; trying again in %s", pollInterval);
            }
            try {
                wakeUp.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                wakeUp.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    void dispatchDue() {
        List<Long> due = store.dueCommandIds(BATCH);
        for (long id : due) {
            OutboxCommand command = store.claim(id);
            if (command != null) {
                dispatch(command);
            }
        }
    }

    private void dispatch(OutboxCommand command) {
        try {
            Long instanceKey = send(command);
            store.markDone(command.id, instanceKey);
        } catch (RuntimeException failure) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            if (isAlreadyDone(command, cause)) {
                store.markDone(command.id, null);
                return;
            }
            // the engine's status text only: it names no person
            String error = cause.getClass().getSimpleName() + ": " + cause.getMessage();
            LOG.warnf("Outbox command %d (%s) failed on attempt %d: %s", command.id, command.kind, command.attempts, error);
            store.markFailed(command.id, error);
        }
    }

    private Long send(OutboxCommand command) {
        return switch (command.kind) {
            case START_PROCESS -> client.newCreateInstanceCommand()
                    .bpmnProcessId(RecoveryProcess.PROCESS_ID).latestVersion()
                    .variables(command.variables)
                    .send().join().getProcessInstanceKey();
            case PUBLISH_MESSAGE -> {
                client.newPublishMessageCommand()
                        .messageName(command.messageName).correlationKey(command.correlationKey)
                        .messageId(command.messageId).timeToLive(MESSAGE_TTL)
                        .variables(command.variables)
                        .send().join();
                yield null;
            }
            case CANCEL_PROCESS -> {
                Long key = engineKeyOf(command.caseId);
                if (key != null) {
                    client.newCancelInstanceCommand(key).send().join();
                }
                yield null;
            }
        };
    }

    /** A publish the engine already has, or a cancel of an instance that is already gone, is done. */
    private static boolean isAlreadyDone(OutboxCommand command, Throwable cause) {
        if (!(cause instanceof ClientStatusException status)) {
            return false;
        }
        Status.Code code = status.getStatusCode();
        return (command.kind == OutboxCommand.Kind.PUBLISH_MESSAGE && code == Status.Code.ALREADY_EXISTS)
                || (command.kind == OutboxCommand.Kind.CANCEL_PROCESS && code == Status.Code.NOT_FOUND);
    }

    private Long engineKeyOf(String caseId) {
        return store.processInstanceKeyOf(caseId);
    }
}
