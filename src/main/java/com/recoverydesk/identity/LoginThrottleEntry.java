package com.recoverydesk.identity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

@Entity
@Table(name = "login_throttle")
public class LoginThrottleEntry extends PanacheEntityBase {

    @Id
    @Column(name = "throttle_key", length = 200)
    public String key;

    @Column(nullable = false)
    public int failures;

    @Column(name = "last_failure_at", nullable = false)
    public OffsetDateTime lastFailureAt;

    @Column(name = "locked_until")
    public OffsetDateTime lockedUntil;
}
