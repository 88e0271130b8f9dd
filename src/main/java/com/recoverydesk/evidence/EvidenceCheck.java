package com.recoverydesk.evidence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A stored machine check of an evidence file (see {@link EvidenceChecks}), computed once at upload. */
@Entity
@Table(name = "evidence_check")
public class EvidenceCheck extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "evidence_id", nullable = false, length = 36)
    public String evidenceId;

    /** The order the checks are shown in. */
    @Column(nullable = false)
    public int position;

    @Column(nullable = false, length = 32)
    public String code;

    @Column(nullable = false, length = 8)
    public String outcome;

    @Column(nullable = false, length = 600)
    public String reason;

    @Column(name = "related_ticket_ref", length = 14)
    public String relatedTicketRef;

    EvidenceCheckView view() {
        return new EvidenceCheckView(code, outcome, reason, relatedTicketRef);
    }
}
