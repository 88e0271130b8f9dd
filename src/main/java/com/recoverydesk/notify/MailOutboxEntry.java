package com.recoverydesk.notify;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A mail written by a step and not yet delivered; deleted once the transport took it. */
@Entity
@Table(name = "mail_outbox")
public class MailOutboxEntry extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, length = 320)
    public String recipient;

    @Column(nullable = false, length = 300)
    public String subject;

    @Column(name = "text_body", nullable = false, columnDefinition = "text")
    public String textBody;

    @Column(name = "html_body", columnDefinition = "text")
    public String htmlBody;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "next_attempt_at", nullable = false)
    public OffsetDateTime nextAttemptAt;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "last_error", length = 500)
    public String lastError;

    @Column(name = "given_up_at")
    public OffsetDateTime givenUpAt;

    OutgoingMail toMail() {
        return new OutgoingMail(recipient, subject, textBody, htmlBody);
    }
}
