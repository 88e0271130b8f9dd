package com.recoverydesk.intake;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;

@Entity
@Table(name = "rate_limit_window")
public class RateLimitWindow extends PanacheEntityBase {

    @EmbeddedId
    public Key key;

    @Column(nullable = false)
    public int hits;

    @Embeddable
    public record Key(@Column(name = "bucket_key", length = 200) String bucket,
                      @Column(name = "window_start") OffsetDateTime windowStart) implements Serializable {}
}
