package com.recoverydesk.intake;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Sends access codes off the request thread, after the request was committed: the intake answer
 * must not take longer for a registered address (directory look-up, mail) than for an unknown one.
 */
@ApplicationScoped
public class AccessCodeMailer {

    private static final Logger LOG = Logger.getLogger(AccessCodeMailer.class);

    private final IntakeService intake;
    /** Beyond this backlog a code is dropped (the requester files again) rather than memory grown without end. */
    static final int MAX_BACKLOG = 10_000;

    private final ExecutorService executor = new ThreadPoolExecutor(2, 2, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(MAX_BACKLOG), runnable -> {
                Thread thread = new Thread(runnable, "access-code-mailer");
                thread.setDaemon(true);
                return thread;
            }, (dropped, pool) -> LOG.warn("Access-code mail backlog full; a code was not sent"));

    public AccessCodeMailer(IntakeService intake) {
        this.intake = intake;
    }

    public void sendLater(IntakeService.FiledRequest filed) {
        executor.execute(() -> {
            try {
                intake.mailAccessCode(filed);
            } catch (RuntimeException e) {
                // no address in the log: the requester simply files again if no code arrives
                LOG.warnf(e, "Could not send the access code of request %d", filed.requestId());
            }
        });
    }

    @PreDestroy
    void stop() {
        executor.shutdown();
    }
}
