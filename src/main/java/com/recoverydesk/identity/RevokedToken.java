package com.recoverydesk.identity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

@Entity
@Table(name = "revoked_token")
public class RevokedToken extends PanacheEntityBase {

    @Id
    @Column(name = "token_id", length = 64)
    public String tokenId;

    @Column(name = "expires_at", nullable = false)
    public OffsetDateTime expiresAt;
}
