package com.recoverydesk.audit;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;

/** A signed statement of the chain head (docs/compliance.md). Written once, never updated. */
@Entity
@Immutable
@Table(name = "audit_checkpoint")
public class AuditCheckpoint extends PanacheEntityBase {

    @Id
    @Column(name = "checkpoint_no")
    public long number;

    @Column(name = "chain_seq", nullable = false)
    public long seq;

    @Column(name = "chain_hash", nullable = false, length = 64)
    public String hash;

    @Column(name = "signed_at", nullable = false)
    public Instant signedAt;

    @Column(name = "key_id", nullable = false, length = 64)
    public String keyId;

    @Column(nullable = false, length = 200)
    public String signature;

    @Column(nullable = false, length = 20)
    public String origin;

    @Column(name = "requested_by", length = 200)
    public String requestedBy;

    AuditCheckpointView toView() {
        return new AuditCheckpointView(number, seq, hash, signedAt, keyId, signature, origin, requestedBy);
    }
}
