package com.recoverydesk.audit;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The single row that remembers the end of the chain. Locking it is how appends take turns,
 * across threads and across replicas alike.
 */
@Entity
@Table(name = "audit_chain_head")
public class AuditChainHead extends PanacheEntityBase {

    static final int ONLY_ROW = 1;

    @Id
    public Integer id;

    @Column(name = "last_seq", nullable = false)
    public long lastSeq;

    @Column(name = "last_hash", nullable = false, length = 64)
    public String lastHash;

    /** The last entry's time; null until the first append after migration V70. */
    @Column(name = "last_time")
    public Instant lastTime;

    /** Locks the head until the current transaction ends (SELECT ... FOR UPDATE). */
    static AuditChainHead lockForAppend() {
        AuditChainHead head = findById(ONLY_ROW, LockModeType.PESSIMISTIC_WRITE);
        if (head == null) {
            throw new IllegalStateException("audit_chain_head has no row; migration V1 was not applied");
        }
        return head;
    }
}
