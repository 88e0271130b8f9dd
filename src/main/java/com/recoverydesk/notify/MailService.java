package com.recoverydesk.notify;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Sends the service's mails through the configured transport. With {@code demo}, a mail is a row
 * in the demo mailbox written in the caller's transaction; with {@code smtp}, Quarkus Mailer
 * sends it. Callers render the mail from their Qute templates first.
 */
@ApplicationScoped
public class MailService {

    private static final Logger LOG = Logger.getLogger(MailService.class);

    private final MailConfig config;
    private final Mailer mailer;

    public MailService(MailConfig config, Mailer mailer) {
        this.config = config;
        this.mailer = mailer;
    }

    @Transactional
    public void send(OutgoingMail mail) {
        switch (config.transport()) {
            case demo -> keepInDemoMailbox(mail);
            case smtp -> {
                Mail message = Mail.withText(mail.to(), mail.subject(), mail.text()).setFrom(config.from());
                if (mail.html() != null) {
                    message.setHtml(mail.html());
                }
                mailer.send(message);
                // the subject only: recipients and bodies are personal data and stay out of logs
                LOG.debugf("Sent mail '%s'", mail.subject());
            }
        }
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

    private void keepInDemoMailbox(OutgoingMail mail) {
        DemoMail kept = new DemoMail();
        kept.recipient = mail.to();
        kept.subject = mail.subject();
        kept.textBody = mail.text();
        kept.htmlBody = mail.html();
        kept.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        kept.persist();
    }

    public record DemoMailView(long id, String to, String subject, String text, String html, OffsetDateTime sentAt) {
        static DemoMailView of(DemoMail mail) {
            return new DemoMailView(mail.id, mail.recipient, mail.subject, mail.textBody, mail.htmlBody, mail.createdAt);
        }
    }
}
