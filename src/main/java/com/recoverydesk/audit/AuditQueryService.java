package com.recoverydesk.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/** Compliance's reading of the trail: searching it page by page and exporting it. */
@ApplicationScoped
public class AuditQueryService {

    public static final int MAX_PAGE_SIZE = 500;

    private static final String EXPORT = "SELECT " + AuditEventRows.COLUMNS
            + " FROM audit_event WHERE occurred_at >= ? AND occurred_at < ? ORDER BY seq";
    // bounds that every stored time lies between, so one statement serves open ranges too
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private final DataSource dataSource;
    private final ObjectMapper json;

    public AuditQueryService(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** Events with seq greater than {@code after} that match the filter, oldest first. */
    @Transactional
    public AuditEventPage findEvents(AuditEventFilter filter, long after, int limit) {
        if (limit < 1 || limit > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_PAGE_SIZE);
        }
        StringBuilder query = new StringBuilder("seq > :after");
        Parameters parameters = Parameters.with("after", after);
        if (filter.caseId() != null) {
            query.append(" and caseId = :caseId");
            parameters.and("caseId", filter.caseId());
        }
        if (filter.actor() != null) {
            query.append(" and actor = :actor");
            parameters.and("actor", filter.actor());
        }
        if (filter.from() != null) {
            query.append(" and time >= :from");
            parameters.and("from", filter.from());
        }
        if (filter.to() != null) {
            query.append(" and time < :to");
            parameters.and("to", filter.to());
        }
        // one row more than asked tells whether another page follows
        List<AuditEvent> rows = AuditEvent.<AuditEvent>find(query.toString(), Sort.by("seq"), parameters)
                .range(0, limit).list();
        boolean more = rows.size() > limit;
        List<AuditEventView> events = rows.stream().limit(limit).map(AuditEvent::toView).toList();
        Long nextAfter = more ? events.get(events.size() - 1).seq() : null;
        return new AuditEventPage(events, nextAfter);
    }

    /**
     * Writes the events with {@code from <= time < to} (either bound may be null) as JSON Lines
     * in seq order, one {@link AuditEventView} per line, streaming from the database.
     */
    @Transactional
    public void export(Instant from, Instant to, OutputStream target) {
        OutputStream out = new BufferedOutputStream(target, 64 * 1024);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(EXPORT)) {
            select.setFetchSize(AuditEventRows.FETCH_SIZE);
            select.setTimestamp(1, Timestamp.from(from != null ? from : EARLIEST));
            select.setTimestamp(2, Timestamp.from(to != null ? to : LATEST));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    out.write(json.writeValueAsBytes(AuditEventRows.read(rs)));
                    out.write('\n');
                }
            }
            out.flush();
        } catch (SQLException e) {
            throw new IllegalStateException("audit export could not read the trail", e);
        } catch (IOException e) {
            throw new UncheckedIOException("audit export could not be written", e);
        }
    }
}
