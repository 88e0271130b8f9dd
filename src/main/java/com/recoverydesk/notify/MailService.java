package com.recoverydesk.notify;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Sends the service's mails through the mail outbox: {@link #send} writes the mail in the caller's
 * transaction and the {@link MailDispatcher} delivers it once that transaction committed, through the
 * configured transport ({@code demo}: the demo mailbox; {@code smtp}: Quarkus Mailer). A step that rolls
 * back after {@code send} sends nothing, and its retry sends the mail once. Callers render the mail from
 * their Qute templates first.
 */
@ApplicationScoped
public class MailService {

    private final MailConfig config;
    private final TransactionSynchronizationRegistry transactions;
    private final Instance<MailDispatcher> dispatcher;

    public MailService(MailConfig config, TransactionSynchronizationRegistry transactions, Instance<MailDispatcher> dispatcher) {
        this.config = config;
        this.transactions = transactions;
        this.dispatcher = dispatcher;
    }

    @Transactional
    public void send(OutgoingMail mail) {
        MailOutboxEntry entry = new MailOutboxEntry();
        entry.recipient = mail.to();
        entry.subject = mail.subject();
        entry.textBody = mail.text();
        entry.htmlBody = mail.html();
        entry.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        entry.nextAttemptAt = entry.createdAt;
        entry.persist();
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    dispatcher.get().nudge();
                }
            }
        });
    }

    /** The demo mailbox, newest first; {@code to} filters by recipient (case-insensitive). */
    @Transactional
    public List<DemoMailView> demoMailbox(String to, int limit) {
        List<DemoMail> mails = to == null || to.isBlank()
                ? DemoMail.find("order by id desc").page(0, limit).list()
                : DemoMail.find("lower(recipient) = ?1 order by id desc", to.trim().toLowerCase()).page(0, limit).list();
        return mails.stream().map(DemoMailView::of).toList();
    }

    public boolean isDemo() {
        return config.transport() == MailConfig.Transport.demo;
    }

    public record DemoMailView(long id, String to, String subject, String text, String html, OffsetDateTime sentAt) {
        static DemoMailView of(DemoMail mail) {
            return new DemoMailView(mail.id, mail.recipient, mail.subject, mail.textBody, mail.htmlBody, mail.createdAt);
        }
    }
}
