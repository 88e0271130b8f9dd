package com.recoverydesk.intake;

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

/** A request filed at intake, waiting for the code mailed to the registered address. */
@Entity
@Table(name = "recovery_request")
public class RecoveryRequest extends PanacheEntityBase {

    /** SUPERSEDED: a newer request for the address ended it, so that only the newest code and link work. */
    public enum Status { PENDING, CONFIRMED, BURNT, SUPERSEDED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** SHA-256 of the normalised address: the request is found by it, the address is not stored. */
    @Column(name = "email_hash", nullable = false, length = 64)
    public String emailHash;

    /** Set once the address was found in the directory and the code mailed; null for unknown addresses. */
    @Column(name = "account_ref", length = 40)
    public String accountRef;

    @Column(nullable = false, length = 2000)
    public String description;

    @Column(name = "code_salt", nullable = false, length = 32)
    public String codeSalt;

    @Column(name = "code_hash", nullable = false, length = 64)
    public String codeHash;

    @Column(name = "link_token_hash", nullable = false, unique = true, length = 64)
    public String linkTokenHash;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public Status status;

    /** ISO country code of the client, when the load balancer tells it ({@code recovery.intake.country-header}). */
    /** The language the requester filed in ("en", "ja"): the mails go in it. */
    @Column(name = "requester_language", nullable = false, length = 8)
    public String requesterLanguage = "en";

    @Column(name = "request_country", length = 2)
    public String requestCountry;

    @Column(name = "failed_attempts", nullable = false)
    public int failedAttempts;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "expires_at", nullable = false)
    public OffsetDateTime expiresAt;

    @Column(name = "case_id", length = 36)
    public String caseId;
}
