package com.recoverydesk.cases;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.util.Optional;

@Entity
@Table(name = "recovery_case")
public class RecoveryCase extends PanacheEntityBase {

    /** A random UUID: the id the process correlates its messages by. */
    @Id
    @Column(length = 36)
    public String id;

    @Column(name = "ticket_ref", nullable = false, unique = true, length = 14)
    public String ticketRef;

    @Column(name = "account_ref", nullable = false, length = 40)
    public String accountRef;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 24)
    public CaseStatus status;

    @Column(nullable = false, length = 2000)
    public String description;

    @Column(name = "risk_level", length = 8)
    public String riskLevel;

    /** Comma-separated evidence kinds, decided by the risk assessment. */
    @Column(name = "required_evidence", length = 200)
    public String requiredEvidence;

    /** The id of the requester's current case token; any other token for this case is refused. */
    @Column(name = "access_token_id", length = 64)
    public String accessTokenId;

    /** After the reset the token still shows the case, but no longer changes it (no uploads, no withdrawal). */
    @Column(name = "access_read_only", nullable = false)
    public boolean accessReadOnly;

    @Column(name = "process_instance_key")
    public Long processInstanceKey;

    @Column(name = "more_info_rounds", nullable = false)
    public int moreInfoRounds;

    /** The language the requester filed in ("en", "ja"): the mails go in it. */
    @Column(name = "requester_language", nullable = false, length = 8)
    public String requesterLanguage = "en";

    @Column(name = "request_country", length = 2)
    public String requestCountry;

    @Column(name = "opened_at", nullable = false)
    public OffsetDateTime openedAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Column(name = "closed_at")
    public OffsetDateTime closedAt;

    /** When the retention purge or an admin's erasure removed the case's personal data; null while it is kept. */
    @Column(name = "personal_data_purged_at")
    public OffsetDateTime personalDataPurgedAt;

    /** RETENTION or ERASURE, beside {@link #personalDataPurgedAt}. */
    @Column(name = "purge_reason", length = 16)
    public String purgeReason;

    @Version
    public long version;

    public static Optional<RecoveryCase> findOpenForAccount(String accountRef) {
        return find("accountRef = ?1 and status not in ?2 order by openedAt desc", accountRef, CaseStatus.CLOSED)
                .firstResultOptional();
    }
}
