package com.recoverydesk.cases;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** A message on a case: the desk's questions and notices to the requester, and the requester's answers. */
@Entity
@Table(name = "case_message")
public class CaseMessage extends PanacheEntityBase {

    public enum Author { DESK, REQUESTER }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "case_id", nullable = false, length = 36)
    public String caseId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public Author author;

    @Column(nullable = false, length = 4000)
    public String body;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    public static CaseMessage post(String caseId, Author author, String body) {
        CaseMessage message = new CaseMessage();
        message.caseId = caseId;
        message.author = author;
        message.body = body;
        message.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        message.persist();
        return message;
    }

    public static List<CaseMessage> of(String caseId) {
        return list("caseId = ?1 order by createdAt, id", caseId);
    }
}
