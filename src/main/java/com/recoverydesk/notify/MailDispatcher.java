package com.recoverydesk.notify;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Delivers the mail outbox after the steps that wrote it committed: the demo transport moves each mail
 * into the demo mailbox (exactly once, in one transaction), SMTP sends it through Quarkus Mailer and then
 * deletes it. A failed delivery is retried with back-off. With SMTP a crash between the send and the
 * delete sends that one mail again (no SMTP server takes part in our transaction); its Message-ID stays
 * the same, so that receivers can tell.
 */
@ApplicationScoped
public class MailDispatcher {

    private static final Logger LOG = Logger.getLogger(MailDispatcher.class);
    private static final int BATCH = 100;

    private final MailOutbox outbox;
    private final MailConfig config;
    private final Mailer mailer;
    private final Semaphore wakeUp = new Semaphore(0);
    private volatile boolean running;
    private Thread loop;
    private ExecutorService senders;

    public MailDispatcher(MailOutbox outbox, MailConfig config, Mailer mailer) {
        this.outbox = outbox;
        this.config = config;
        this.mailer = mailer;
    }

    void start(@Observes @Priority(50) StartupEvent startup) {
        AtomicInteger counter = new AtomicInteger();
        senders = Executors.newFixedThreadPool(config.senderThreads(), runnable -> {
            Thread thread = new Thread(runnable, "mail-sender-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        running = true;
        loop = new Thread(this::run, "mail-dispatcher");
        loop.setDaemon(true);
        loop.start();
    }

    void stop(@Observes @Priority(1) ShutdownEvent shutdown) throws InterruptedException {
        running = false;
        wakeUp.release();
        if (loop != null) {
            loop.join(5_000);
        }
        if (senders != null) {
            senders.shutdown();
            senders.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** A transaction that wrote mails committed: deliver them now rather than at the next poll. */
    public void nudge() {
        wakeUp.release();
    }

    private void run() {
        while (running) {
            try {
                dispatchDue();
            } catch (RuntimeException e) {
                LOG.warnf("Mail dispatch round failed (%s); trying again in %s", e.getClass().getSimpleName(), config.pollInterval());
            }
            try {
                wakeUp.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                wakeUp.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    void dispatchDue() {
        List<Long> due = outbox.dueIds(BATCH);
        List<Future<?>> deliveries = new ArrayList<>();
        for (long id : due) {
            deliveries.add(senders.submit(() -> deliver(id)));
        }
        for (Future<?> delivery : deliveries) {
            try {
                delivery.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (java.util.concurrent.ExecutionException e) {
                LOG.warnf("Mail delivery failed: %s", e.getCause().getClass().getSimpleName());
            }
        }
        if (due.size() == BATCH) {
            wakeUp.release(); // more waiting
        }
    }

    private void deliver(long id) {
        MailOutboxEntry entry = outbox.claim(id);
        if (entry == null) {
            return;
        }
        try {
            switch (config.transport()) {
                case demo -> outbox.moveToDemoMailbox(id);
                case smtp -> {
                    mailer.send(smtpMail(entry));
                    outbox.delivered(id);
                }
            }
            // the subject only: recipients and bodies are personal data and stay out of logs
            LOG.debugf("Delivered mail %d '%s'", id, entry.subject);
        } catch (RuntimeException failure) {
            String fault = faultOf(failure);
            boolean givenUp = outbox.failed(id, fault);
            if (givenUp) {
                LOG.errorf("Mail %d given up after %d attempts: %s", id, entry.attempts, fault);
            } else {
                LOG.warnf("Mail %d not delivered (attempt %d), retrying with back-off: %s", id, entry.attempts, fault);
            }
        }
    }

    private Mail smtpMail(MailOutboxEntry entry) {
        Mail message = Mail.withText(entry.recipient, entry.subject, entry.textBody).setFrom(config.from());
        if (entry.htmlBody != null) {
            message.setHtml(entry.htmlBody);
        }
        // the same on every try of this mail: a receiver can drop the copy a crash after the send produced
        message.addHeader("Message-ID", "<outbox-" + entry.id + "-" + entry.createdAt.toInstant().toEpochMilli() + "@recovery-desk>");
        return message;
    }

    /** The exception classes along the cause chain: SMTP errors quote the recipient, so no messages. */
    static String faultOf(Throwable failure) {
        StringBuilder fault = new StringBuilder();
        for (Throwable t = failure; t != null && fault.length() < 300; t = t.getCause() == t ? null : t.getCause()) {
            if (!fault.isEmpty()) {
                fault.append(" <- ");
            }
            fault.append(t.getClass().getSimpleName());
        }
        return fault.toString();
    }
}
