package com.recoverydesk.accounts;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A further address registered for notices about a directory account. */
@Entity
@Table(name = "account_notification_address")
public class AccountNotificationAddress extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "account_id", nullable = false)
    public Long accountId;

    @Column(nullable = false, length = 320)
    public String address;

    @Column(name = "added_at", nullable = false)
    public OffsetDateTime addedAt;
}
