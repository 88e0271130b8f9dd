package com.recoverydesk.reset;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A single-use link of the reset, known by its token's SHA-256 only. */
@Entity
@Table(name = "reset_link")
public class ResetLink extends PanacheEntityBase {

    public enum Purpose { OBJECTION, ENROLMENT }

    @Id
    @Column(name = "token_hash", length = 64)
    public String tokenHash;

    @Column(name = "case_id", nullable = false, length = 36)
    public String caseId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public Purpose purpose;

    @Column(nullable = false)
    public int round;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "expires_at", nullable = false)
    public OffsetDateTime expiresAt;

    @Column(name = "used_at")
    public OffsetDateTime usedAt;

    /** Enrolment: the TOTP secret offered on the page, sealed, until it is confirmed. */
    @Column(name = "pending_secret", length = 200)
    public String pendingSecret;

    @Column(name = "pending_key_id", length = 32)
    public String pendingKeyId;
}
