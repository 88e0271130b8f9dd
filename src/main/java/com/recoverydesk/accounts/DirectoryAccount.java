package com.recoverydesk.accounts;

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
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** A row of the built-in account directory. */
@Entity
@Table(name = "customer_account")
public class DirectoryAccount extends PanacheEntityBase {

    public enum Status { ACTIVE, CLOSED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "account_ref", nullable = false, unique = true, length = 40)
    public String accountRef;

    @Column(nullable = false, unique = true, length = 320)
    public String email;

    @Column(name = "display_name", nullable = false, length = 128)
    public String displayName;

    @Column(name = "opened_at", nullable = false)
    public OffsetDateTime openedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "balance_tier", nullable = false, length = 16)
    public CustomerAccount.BalanceTier balanceTier;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public Status status;

    @Column(name = "last_security_change_at")
    public OffsetDateTime lastSecurityChangeAt;

    /** Comma-separated ISO country codes. */
    @Column(name = "usual_countries", nullable = false, length = 200)
    public String usualCountries;

    /** bcrypt; only the built-in directory's demo sign-in uses it. */
    @Column(name = "password_hash", length = 100)
    public String passwordHash;

    @Column(name = "withdrawals_locked_until")
    public OffsetDateTime withdrawalsLockedUntil;

    @Column(name = "sessions_revoked_at")
    public OffsetDateTime sessionsRevokedAt;

    @Column(name = "flagged_at")
    public OffsetDateTime flaggedAt;

    @Column(name = "flag_reason", length = 200)
    public String flagReason;

    /** The request (case) that started a re-enrolment not yet completed; null when none is due. */
    @Column(name = "re_enrolment_key", length = 100)
    public String reEnrolmentKey;

    @Column(name = "re_enrolment_started_at")
    public OffsetDateTime reEnrolmentStartedAt;

    /** The KYC data on file, for the reviewer's comparison with the evidence. */
    @Column(name = "date_of_birth")
    public java.time.LocalDate dateOfBirth;

    /** The last digits of the identity document's number; the full number is never kept here. */
    @Column(name = "document_last_digits", length = 8)
    public String documentLastDigits;

    @Column(name = "kyc_country", length = 2)
    public String kycCountry;

    KycRecord toKyc() {
        return new KycRecord(displayName, Optional.ofNullable(dateOfBirth), Optional.ofNullable(documentLastDigits), Optional.ofNullable(kycCountry));
    }

    CustomerAccount toAccount() {
        Set<String> countries = new TreeSet<>(Arrays.stream(usualCountries.split(",")).map(String::trim).filter(c -> !c.isEmpty()).toList());
        return new CustomerAccount(accountRef, email, displayName, openedAt.toInstant(), balanceTier, status == Status.CLOSED,
                Optional.ofNullable(lastSecurityChangeAt).map(OffsetDateTime::toInstant), countries);
    }
}
