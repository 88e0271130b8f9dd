package com.recoverydesk.reset;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** The reset of a case's account, done once: its row is the key that makes a second delivery do nothing. */
@Entity
@Table(name = "account_reset")
public class AccountReset extends PanacheEntityBase {

    @Id
    @Column(name = "case_id", length = 36)
    public String caseId;

    @Column(name = "account_ref", nullable = false, length = 40)
    public String accountRef;

    @Column(name = "reset_at", nullable = false)
    public OffsetDateTime resetAt;

    @Column(name = "withdrawals_locked_until", nullable = false)
    public OffsetDateTime withdrawalsLockedUntil;

    @Column(name = "authenticators_removed", nullable = false)
    public int authenticatorsRemoved;

    @Column(name = "backup_codes_removed", nullable = false)
    public int backupCodesRemoved;

    @Column(name = "sessions_revoked", nullable = false)
    public int sessionsRevoked;

    @Column(name = "enrolled_at")
    public OffsetDateTime enrolledAt;
}
