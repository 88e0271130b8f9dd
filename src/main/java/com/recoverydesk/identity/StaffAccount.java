package com.recoverydesk.identity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

@Entity
@Table(name = "staff_account")
public class StaffAccount extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, unique = true, length = 64)
    public String username;

    @Column(name = "display_name", nullable = false, length = 128)
    public String displayName;

    @Column(name = "password_hash", nullable = false, length = 100)
    public String passwordHash;

    /** The staff member's own address: for escalation mails, and to keep them off cases about their own account. */
    @Column(length = 320)
    public String email;

    @Column(name = "totp_secret", length = 64)
    public String totpSecret;

    /** The secret the server generated for an enrolment that is not confirmed yet. */
    @Column(name = "totp_pending_secret", length = 64)
    public String totpPendingSecret;

    /** The time step of the last accepted code: a code is accepted once, never again. */
    @Column(name = "totp_last_step")
    public Long totpLastStep;

    @Column(nullable = false)
    public boolean enabled = true;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    /** Set by an administrator's password reset (and at creation): the next sign-in must choose a new one. */
    @Column(name = "password_change_required", nullable = false)
    public boolean passwordChangeRequired;

    /** SHA-256 of the ticket that lets a sign-in with a temporary password go on to the change; null when none is out. */
    @Column(name = "password_change_ticket", length = 64)
    public String passwordChangeTicket;

    @Column(name = "password_change_ticket_expires_at")
    public OffsetDateTime passwordChangeTicketExpiresAt;

    /** Written into each token issued; counted up to end every session (roles or credentials changed). */
    @Column(name = "session_generation", nullable = false)
    public int sessionGeneration;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "staff_role", joinColumns = @JoinColumn(name = "staff_id"))
    @Column(name = "role", length = 32)
    public Set<String> roles = new TreeSet<>();

    public static Optional<StaffAccount> findByUsername(String username) {
        return find("username", username).firstResultOptional();
    }

    public boolean hasTotp() {
        return totpSecret != null;
    }
}
