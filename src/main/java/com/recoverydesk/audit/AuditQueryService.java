package com.recoverydesk.audit;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Compliance's reading of the trail: searching it page by page (keyset paging on seq, so a page
 * deep in millions of events costs what the first one does) and verifying it. Compliance's own
 * searches and verifications are recorded in the trail too.
 */
@ApplicationScoped
public class AuditQueryService {

    public static final int MAX_PAGE_SIZE = 500;

    private final AuditTrail trail;
    private final AuditVerifier verifier;
    private final CaseReferences cases;
    private final AtomicReference<CompletableFuture<AuditVerification>> running = new AtomicReference<>();

    public AuditQueryService(AuditTrail trail, AuditVerifier verifier, CaseReferences cases) {
        this.trail = trail;
        this.verifier = verifier;
        this.cases = cases;
    }

    /** Searches on behalf of {@code who}, and records that they searched and for what. */
    @Transactional
    public AuditEventPage search(AuditEventFilter filter, long after, int limit, Actor who) {
        AuditEventPage page = findEvents(filter, after, limit);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("caseId", filter.caseId());
        details.put("ticketRef", filter.ticketRef());
        details.put("actor", filter.actor());
        details.put("action", filter.action());
        details.put("from", filter.from() == null ? null : filter.from().toString());
        details.put("to", filter.to() == null ? null : filter.to().toString());
        details.put("after", after);
        details.put("found", page.events().size());
        details.values().removeIf(java.util.Objects::isNull);
        trail.record(who, "audit.searched", null, details);
        return page;
    }

    /**
     * Verifies the whole trail on behalf of {@code who}, and records that they did and what it
     * showed. Requests that arrive while a walk runs share its result instead of starting walks
     * of their own: one walk (one thread, one connection) at a time, however often it is asked for,
     * so that verification does not crowd out the service's other work.
     */
    public AuditVerification verify(Actor who) {
        CompletableFuture<AuditVerification> mine = new CompletableFuture<>();
        CompletableFuture<AuditVerification> current = running.compareAndExchange(null, mine);
        AuditVerification result;
        if (current != null) {
            result = current.join();
        } else {
            try {
                result = QuarkusTransaction.requiringNew().call(verifier::verify);
                mine.complete(result);
            } catch (RuntimeException e) {
                mine.completeExceptionally(e);
                throw e;
            } finally {
                running.set(null);
            }
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("valid", result.valid());
        details.put("checked", result.checked());
        details.put("firstBrokenSeq", result.firstBrokenSeq());
        details.put("problem", result.problem() == null ? null : result.problem().name());
        details.values().removeIf(java.util.Objects::isNull);
        QuarkusTransaction.requiringNew().run(() -> trail.record(who, "audit.verified", null, details));
        return result;
    }

    /** Events with seq greater than {@code after} that match the filter, oldest first. */
    @Transactional
    public AuditEventPage findEvents(AuditEventFilter filter, long after, int limit) {
        if (limit < 1 || limit > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_PAGE_SIZE);
        }
        StringBuilder query = new StringBuilder("seq > :after");
        Parameters parameters = Parameters.with("after", after);
        String caseId = filter.caseId();
        if (filter.ticketRef() != null) {
            Optional<String> ofTicket = cases.caseIdOfTicket(filter.ticketRef());
            if (ofTicket.isEmpty() || caseId != null && !caseId.equals(ofTicket.get())) {
                return new AuditEventPage(List.of(), null);
            }
            caseId = ofTicket.get();
        }
        if (caseId != null) {
            query.append(" and caseId = :caseId");
            parameters.and("caseId", caseId);
        }
        if (filter.actor() != null) {
            query.append(" and actor = :actor");
            parameters.and("actor", filter.actor());
        }
        if (filter.action() != null) {
            query.append(" and action = :action");
            parameters.and("action", filter.action());
        }
        if (filter.from() != null) {
            query.append(" and time >= :from");
            parameters.and("from", filter.from());
            // times never decrease along the chain (AuditTrail), so the window starts at one seq,
            // found through the time index: the scan starts there instead of at seq 1
            Optional<Long> first = firstSeq("select e.seq from AuditEvent e where e.time >= :t order by e.time, e.seq", filter.from());
            if (first.isEmpty()) {
                return new AuditEventPage(List.of(), null);
            }
            query.append(" and seq >= :firstSeq");
            parameters.and("firstSeq", first.get());
        }
        if (filter.to() != null) {
            query.append(" and time < :to");
            parameters.and("to", filter.to());
            // and ends at one seq, so a narrow window is not followed to the end of the trail
            Optional<Long> last = firstSeq("select e.seq from AuditEvent e where e.time < :t order by e.time desc, e.seq desc", filter.to());
            if (last.isEmpty()) {
                return new AuditEventPage(List.of(), null);
            }
            query.append(" and seq <= :lastSeq");
            parameters.and("lastSeq", last.get());
        }
        // one row more than asked tells whether another page follows
        List<AuditEvent> rows = AuditEvent.<AuditEvent>find(query.toString(), Sort.by("seq"), parameters)
                .range(0, limit).list();
        boolean more = rows.size() > limit;
        List<AuditEventView> events = rows.stream().limit(limit).map(AuditEvent::toView).toList();
        Long nextAfter = more ? events.get(events.size() - 1).seq() : null;
        return new AuditEventPage(events, nextAfter);
    }

    private static Optional<Long> firstSeq(String query, java.time.Instant time) {
        return AuditEvent.getEntityManager().createQuery(query, Long.class).setParameter("t", time)
                .setMaxResults(1).getResultStream().findFirst();
    }
}
