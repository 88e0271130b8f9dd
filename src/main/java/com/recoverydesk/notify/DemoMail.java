package com.recoverydesk.notify;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

@Entity
@Table(name = "demo_mail")
public class DemoMail extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, length = 320)
    public String recipient;

    @Column(nullable = false, length = 300)
    public String subject;

    @Column(name = "text_body", nullable = false, columnDefinition = "text")
    public String textBody;

    @Column(name = "html_body", columnDefinition = "text")
    public String htmlBody;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
}
