package com.recoverydesk.audit;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;

/** One entry of the audit trail. Written once by {@link AuditTrail}, never updated. */
@Entity
@Immutable
@Table(name = "audit_event")
public class AuditEvent extends PanacheEntityBase {

    @Id
    public long seq;

    @Column(name = "occurred_at", nullable = false)
    public Instant time;

    @Column(nullable = false, length = 200)
    public String actor;

    @Column(name = "actor_role", nullable = false, length = 50)
    public String role;

    @Column(nullable = false, length = 100)
    public String action;

    @Column(name = "case_id", length = 100)
    public String caseId;

    @Column(nullable = false)
    public String details;

    @Column(name = "prev_hash", nullable = false, length = 64)
    public String prevHash;

    @Column(nullable = false, length = 64)
    public String hash;

    AuditEventView toView() {
        return new AuditEventView(seq, time, actor, role, action, caseId, details, prevHash, hash);
    }
}
