package com.recoverydesk.sla;

import com.recoverydesk.cases.CaseStatus;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Counts the desk's backlog and breaches with a few grouped queries (indexes on status and due time). */
@ApplicationScoped
public class SlaService {

    @Transactional
    public SlaSummary summary() {
        EntityManager em = Panache.getEntityManager();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Map<String, Long> backlog = grouped(em.createQuery(
                "select c.status, count(c) from RecoveryCase c where c.status not in :closed group by c.status", Object[].class)
                .setParameter("closed", CaseStatus.CLOSED).getResultList());
        Map<String, Long> openTasks = grouped(em.createQuery(
                "select t.queue, count(t) from ReviewTask t where t.completedAt is null group by t.queue", Object[].class).getResultList());
        Map<String, Long> breached = grouped(em.createQuery(
                "select t.queue, count(t) from ReviewTask t where t.completedAt is null and t.dueAt < :now group by t.queue", Object[].class)
                .setParameter("now", now).getResultList());
        OffsetDateTime oldest = em.createQuery("select min(c.openedAt) from RecoveryCase c where c.status not in :closed", OffsetDateTime.class)
                .setParameter("closed", CaseStatus.CLOSED).getSingleResult();
        long openedLastDay = em.createQuery("select count(c) from RecoveryCase c where c.openedAt >= :since", Long.class)
                .setParameter("since", now.minusHours(24)).getSingleResult();
        Map<String, Long> outcomes = grouped(em.createQuery(
                "select c.status, count(c) from RecoveryCase c where c.closedAt >= :since group by c.status", Object[].class)
                .setParameter("since", now.minusDays(7)).getResultList());
        return new SlaSummary(backlog, openTasks, breached, oldest, openedLastDay, outcomes, now);
    }

    private static Map<String, Long> grouped(List<Object[]> rows) {
        Map<String, Long> counts = new TreeMap<>();
        for (Object[] row : rows) {
            counts.put(String.valueOf(row[0]), ((Number) row[1]).longValue());
        }
        return counts;
    }
}
