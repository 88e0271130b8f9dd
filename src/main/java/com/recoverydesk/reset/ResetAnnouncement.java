package com.recoverydesk.reset;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Optional;

/** The announcement of a reset at time T, one per case and round. */
@Entity
@Table(name = "reset_announcement")
public class ResetAnnouncement extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "case_id", nullable = false, length = 36)
    public String caseId;

    @Column(nullable = false)
    public int round;

    @Column(name = "account_ref", nullable = false, length = 40)
    public String accountRef;

    /** T: when the reset happens unless someone objects. */
    @Column(name = "reset_at", nullable = false)
    public OffsetDateTime resetAt;

    @Column(name = "announced_at", nullable = false)
    public OffsetDateTime announcedAt;

    /** How many registered addresses were told. */
    @Column(nullable = false)
    public int addresses;

    @Column(name = "objected_at")
    public OffsetDateTime objectedAt;

    static Optional<ResetAnnouncement> of(String caseId, int round) {
        return find("caseId = ?1 and round = ?2", caseId, round).firstResultOptional();
    }

    static Optional<ResetAnnouncement> latest(String caseId) {
        return find("caseId = ?1 order by round desc", caseId).firstResultOptional();
    }
}
