package com.recoverydesk.accounts;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** An authenticator enrolment of a directory account: a TOTP secret, sealed at rest. */
@Entity
@Table(name = "account_authenticator")
public class AccountAuthenticator extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "account_id", nullable = false)
    public Long accountId;

    @Column(nullable = false, length = 16)
    public String kind;

    @Column(nullable = false, length = 64)
    public String label;

    @Column(name = "secret_ciphertext", nullable = false, length = 200)
    public String secretCiphertext;

    @Column(name = "key_id", nullable = false, length = 32)
    public String keyId;

    @Column(name = "enrolled_at", nullable = false)
    public OffsetDateTime enrolledAt;

    /** The newest TOTP time step accepted: a code of this step or an earlier one is a replay. */
    @Column(name = "last_used_step", nullable = false)
    public long lastUsedStep;
}
