package com.recoverydesk.process;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A command for the process engine, waiting in the outbox until the engine has taken it. */
@Entity
@Table(name = "outbox_command")
public class OutboxCommand extends PanacheEntityBase {

    public enum Kind { START_PROCESS, PUBLISH_MESSAGE, CANCEL_PROCESS }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "case_id", nullable = false, length = 36)
    public String caseId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 24)
    public Kind kind;

    @Column(name = "message_name", length = 100)
    public String messageName;

    @Column(name = "correlation_key", length = 100)
    public String correlationKey;

    /** Unique per command: the engine's message id, so that a retried publish is harmless. */
    @Column(name = "message_id", nullable = false, unique = true, length = 200)
    public String messageId;

    /** The variables as a JSON object. */
    @Column(nullable = false, columnDefinition = "text")
    public String variables;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public OffsetDateTime nextAttemptAt;

    @Column(name = "done_at")
    public OffsetDateTime doneAt;

    @Column(name = "last_error", length = 500)
    public String lastError;
}
