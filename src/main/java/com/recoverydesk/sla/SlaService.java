package com.recoverydesk.sla;

import com.recoverydesk.cases.CaseStatus;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The manager's figures, each a grouped query over an index (docs/performance.md): open cases by
 * status and age, queues, breaches as recorded, business-time percentiles, filed and closed per day,
 * outcomes and the agents' load. Closed cases never count in the backlog.
 */
@ApplicationScoped
public class SlaService {

    static final int DUE_SOON_HOURS = 4;
    static final int DAYS_CHARTED = 14;
    /** The open statuses, listed: {@code status in (…)} reads ranges of the status index, {@code not in} would read all of it. */
    static final String OPEN_SQL = java.util.Arrays.stream(CaseStatus.values()).filter(CaseStatus::isOpen)
            .map(s -> "'" + s.name() + "'").collect(Collectors.joining(", "));

    private final SlaPolicy policy;

    public SlaService(SlaPolicy policy) {
        this.policy = policy;
    }

    /** The figures as of {@code now}; the API and the page read them through {@link SummarySnapshot}. */
    @Transactional
    public SlaSummary summary(OffsetDateTime now) {
        EntityManager em = Panache.getEntityManager();
        Map<String, Long> backlog = backlog(em);
        Object[] ages = (Object[]) query(em, "select min(opened_at), "
                + "sum(case when opened_at > ?1 then 1 else 0 end), sum(case when opened_at <= ?1 and opened_at > ?2 then 1 else 0 end), "
                + "sum(case when opened_at <= ?2 and opened_at > ?3 then 1 else 0 end), sum(case when opened_at <= ?3 then 1 else 0 end) "
                + "from recovery_case where status in (" + OPEN_SQL + ")")
                .setParameter(1, now.minusDays(1)).setParameter(2, now.minusDays(3)).setParameter(3, now.minusDays(7)).getSingleResult();
        Map<String, Long> ageing = new LinkedHashMap<>();
        ageing.put("under 1 day", number(ages[1]));
        ageing.put("1 to 3 days", number(ages[2]));
        ageing.put("3 to 7 days", number(ages[3]));
        ageing.put("over 7 days", number(ages[4]));

        Map<String, Long> openTasks = openTasks(em, "", null, null);
        Map<String, Long> breached = openTasks(em, "and t.due_at < ?1 ", now, null);
        Map<String, Long> dueSoon = openTasks(em, "and t.due_at >= ?1 and t.due_at < ?2 ", now, now.plusHours(DUE_SOON_HOURS));
        long resolutionBreachedNow = resolutionPastDue(em, now);

        long openedLast24h = number(query(em, "select count(*) from recovery_case where opened_at >= ?1")
                .setParameter(1, now.minusHours(24)).getSingleResult());
        Map<String, Long> closed7d = grouped(query(em, "select status, count(*) from recovery_case where closed_at >= ?1 group by status")
                .setParameter(1, now.minusDays(7)));
        Map<String, Long> outcomes = grouped(query(em, "select status, count(*) from recovery_case where closed_at >= ?1 group by status")
                .setParameter(1, now.minusDays(30)));
        outcomes.put(CaseStatus.FROZEN.name(), backlog.getOrDefault(CaseStatus.FROZEN.name(), 0L));

        return new SlaSummary(backlog, openTasks, breached, offsetOf(ages[0]), openedLast24h, closed7d, ageing, DUE_SOON_HOURS, dueSoon,
                resolutionBreachedNow, breachRate(em, now.minusDays(7), now), breachRate(em, now.minusDays(30), now),
                times(em, "first_response_seconds", "first_response_at", now), times(em, "resolution_seconds", "resolved_at", now),
                perDay(em, now), outcomes, agents(em, now), now);
    }

    /** The few figures the metrics export, cheap enough to read at every scrape. */
    public record Gauges(Map<String, Long> backlog, Map<String, Long> openTasks, Map<String, Long> pastDue, long resolutionPastDue,
                         long oldestOpenAgeSeconds) {}

    @Transactional
    public Gauges gauges(OffsetDateTime now) {
        EntityManager em = Panache.getEntityManager();
        OffsetDateTime oldest = offsetOf(query(em, "select min(opened_at) from recovery_case where status in (" + OPEN_SQL + ")")
                .getSingleResult());
        return new Gauges(backlog(em), openTasks(em, "", null, null), openTasks(em, "and t.due_at < ?1 ", now, null),
                resolutionPastDue(em, now), oldest == null ? 0 : Math.max(0, java.time.Duration.between(oldest, now).toSeconds()));
    }

    private static Map<String, Long> backlog(EntityManager em) {
        return grouped(query(em, "select status, count(*) from recovery_case where status in (" + OPEN_SQL + ") group by status"));
    }

    /** Open queue entries of open cases per queue, narrowed by {@code condition} over ?1 and ?2. */
    private static Map<String, Long> openTasks(EntityManager em, String condition, OffsetDateTime first, OffsetDateTime second) {
        Query q = query(em, "select t.queue, count(*) from review_task t join recovery_case c on c.id = t.case_id "
                + "where t.completed_at is null and c.status in (" + OPEN_SQL + ") " + condition + "group by t.queue");
        if (first != null) {
            q.setParameter(1, first);
        }
        if (second != null) {
            q.setParameter(2, second);
        }
        return grouped(q);
    }

    private static long resolutionPastDue(EntityManager em, OffsetDateTime now) {
        return number(query(em, "select count(*) from case_sla s join recovery_case c on c.id = s.case_id "
                + "where s.state = 'RUNNING' and s.resolution_due_at < ?1 and c.status in (" + OPEN_SQL + ")")
                .setParameter(1, now).getSingleResult());
    }

    /** The cases opened in [from, to), oldest first, with their SLA clock and the breaches recorded for them. */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<SlaCaseView> cases(OffsetDateTime from, OffsetDateTime to) {
        EntityManager em = Panache.getEntityManager();
        Map<String, List<String>> breaches = new java.util.HashMap<>();
        for (Object[] row : (List<Object[]>) query(em, "select b.case_id, b.kind from sla_breach b join recovery_case c on c.id = b.case_id "
                + "where c.opened_at >= ?1 and c.opened_at < ?2 order by b.due_at").setParameter(1, from).setParameter(2, to).getResultList()) {
            breaches.computeIfAbsent((String) row[0], k -> new ArrayList<>()).add((String) row[1]);
        }
        List<Object[]> rows = query(em, "select c.id, c.ticket_ref, c.status, c.risk_level, c.opened_at, c.closed_at, s.state, "
                + "s.first_response_due_at, s.first_response_at, s.first_response_seconds, s.resolution_due_at, s.resolved_at, s.resolution_seconds "
                + "from recovery_case c left join case_sla s on s.case_id = c.id where c.opened_at >= ?1 and c.opened_at < ?2 "
                + "order by c.opened_at, c.id").setParameter(1, from).setParameter(2, to).getResultList();
        return rows.stream().map(r -> new SlaCaseView((String) r[0], (String) r[1], (String) r[2], (String) r[3], offsetOf(r[4]), offsetOf(r[5]),
                (String) r[6], offsetOf(r[7]), offsetOf(r[8]), r[9] == null ? null : number(r[9]), offsetOf(r[10]), offsetOf(r[11]),
                r[12] == null ? null : number(r[12]), breaches.getOrDefault((String) r[0], List.of()))).toList();
    }

    private static SlaSummary.BreachRate breachRate(EntityManager em, OffsetDateTime from, OffsetDateTime to) {
        Object[] row = (Object[]) query(em, "select count(*), sum(case when exists (select 1 from sla_breach b where b.case_id = s.case_id) "
                + "then 1 else 0 end) from case_sla s where s.resolved_at >= ?1 and s.resolved_at < ?2")
                .setParameter(1, from).setParameter(2, to).getSingleResult();
        long resolved = number(row[0]);
        long breached = number(row[1]);
        Map<String, Long> byKind = grouped(query(em, "select kind, count(*) from sla_breach where due_at >= ?1 and due_at < ?2 group by kind")
                .setParameter(1, from).setParameter(2, to));
        Double percent = resolved == 0 ? null : Math.round(breached * 1000.0 / resolved) / 10.0;
        return new SlaSummary.BreachRate(resolved, breached, percent, byKind);
    }

    private static SlaSummary.Times times(EntityManager em, String seconds, String at, OffsetDateTime now) {
        Object[] row = (Object[]) query(em, "select count(" + seconds + "), percentile_cont(0.5) within group (order by " + seconds + "), "
                + "percentile_cont(0.9) within group (order by " + seconds + ") from case_sla where " + at + " >= ?1 and " + at + " < ?2")
                .setParameter(1, now.minusDays(30)).setParameter(2, now).getSingleResult();
        long count = number(row[0]);
        return new SlaSummary.Times(count, count == 0 ? null : Math.round(((Number) row[1]).doubleValue()),
                count == 0 ? null : Math.round(((Number) row[2]).doubleValue()));
    }

    /** Day boundaries in the calendar's zone, so a day is the desk's day; one scan of each index over the range. */
    private List<SlaSummary.DayCount> perDay(EntityManager em, OffsetDateTime now) {
        ZoneId zone = policy.calendar().zone();
        LocalDate today = now.atZoneSameInstant(zone).toLocalDate();
        LocalDate first = today.minusDays(DAYS_CHARTED - 1);
        List<OffsetDateTime> bounds = new ArrayList<>();
        for (int i = 0; i <= DAYS_CHARTED; i++) {
            bounds.add(first.plusDays(i).atStartOfDay(zone).toOffsetDateTime());
        }
        long[] filed = countPerDay(em, "opened_at", bounds);
        long[] closed = countPerDay(em, "closed_at", bounds);
        List<SlaSummary.DayCount> days = new ArrayList<>();
        for (int i = 0; i < DAYS_CHARTED; i++) {
            days.add(new SlaSummary.DayCount(first.plusDays(i), filed[i], closed[i]));
        }
        return days;
    }

    private static long[] countPerDay(EntityManager em, String column, List<OffsetDateTime> bounds) {
        StringBuilder sql = new StringBuilder("select ");
        for (int i = 0; i < bounds.size() - 1; i++) {
            sql.append(i == 0 ? "" : ", ").append("sum(case when ").append(column).append(" < ?").append(i + 2).append(" then 1 else 0 end)");
        }
        sql.append(" from recovery_case where ").append(column).append(" >= ?1 and ").append(column).append(" < ?").append(bounds.size());
        Query query = query(em, sql.toString()).setParameter(1, bounds.get(0));
        for (int i = 1; i < bounds.size(); i++) {
            query.setParameter(i + 1, bounds.get(i));
        }
        Object result = query.getSingleResult();
        Object[] cumulative = result instanceof Object[] row ? row : new Object[] {result};
        long[] perDay = new long[bounds.size() - 1];
        long before = 0;
        for (int i = 0; i < perDay.length; i++) {
            long upTo = number(cumulative[i]);
            perDay[i] = upTo - before;
            before = upTo;
        }
        return perDay;
    }

    @SuppressWarnings("unchecked")
    private static List<SlaSummary.AgentLoad> agents(EntityManager em, OffsetDateTime now) {
        Map<String, Long> open = grouped(query(em, "select t.assignee, count(*) from review_task t join recovery_case c on c.id = t.case_id "
                + "where t.completed_at is null and t.assignee is not null and c.status in (" + OPEN_SQL + ") group by t.assignee"));
        Map<String, Map<String, Long>> decisions = new TreeMap<>();
        for (Object[] row : (List<Object[]>) query(em, "select decided_by, decision, count(*) from review_decision where decided_at >= ?1 "
                + "group by decided_by, decision").setParameter(1, now.minusDays(30)).getResultList()) {
            decisions.computeIfAbsent((String) row[0], k -> new TreeMap<>()).put((String) row[1], number(row[2]));
        }
        TreeMap<String, Boolean> names = new TreeMap<>();
        open.keySet().forEach(n -> names.put(n, true));
        decisions.keySet().forEach(n -> names.put(n, true));
        return names.keySet().stream()
                .map(n -> new SlaSummary.AgentLoad(n, open.getOrDefault(n, 0L), decisions.getOrDefault(n, Map.of()))).toList();
    }

    private static Query query(EntityManager em, String sql) {
        return em.createNativeQuery(sql);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Long> grouped(Query query) {
        Map<String, Long> counts = new TreeMap<>();
        for (Object[] row : (List<Object[]>) query.getResultList()) {
            counts.put(String.valueOf(row[0]), number(row[1]));
        }
        return counts;
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static OffsetDateTime offsetOf(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime odt) {
            return odt;
        }
        if (value instanceof java.time.Instant instant) {
            return instant.atOffset(ZoneOffset.UTC);
        }
        if (value instanceof java.sql.Timestamp ts) {
            return ts.toInstant().atOffset(ZoneOffset.UTC);
        }
        throw new IllegalStateException("unexpected time type " + value.getClass().getSimpleName());
    }
}
