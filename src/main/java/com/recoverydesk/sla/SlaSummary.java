package com.recoverydesk.sla;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * The desk at a glance (DESIGN.md §9 {@code GET /api/v1/sla/summary}). Times are business time (the
 * SLA calendar's), in seconds; windows end at {@code at}.
 *
 * @param backlogByStatus       open cases per status
 * @param openTasks             queue entries waiting, per queue (REVIEW, APPROVAL)
 * @param breachedTasks         queue entries past their due time now, per queue
 * @param oldestOpenCaseSince   when the oldest open case was opened (null if none)
 * @param openedLast24h         cases opened in the last 24 hours
 * @param closedLast7dByOutcome cases closed in the last 7 days, per final status
 * @param ageing                open cases by time since opening: under 1 day, 1–3 days, 3–7 days, over 7 days
 * @param dueSoon               open queue entries due within the next {@code dueSoonHours} hours and not yet past due, per queue
 * @param resolutionBreachedNow open cases whose running SLA clock is past its resolution due time
 * @param breaches7d            the last 7 days' breach rate
 * @param breaches30d           the last 30 days'
 * @param firstResponse         time to the first agent action, of first responses in the last 30 days
 * @param resolution            time to the desk's final answer, of cases resolved in the last 30 days
 * @param perDay                cases filed and closed per day, the last 14 days (the calendar's days)
 * @param outcomes30d           cases closed in the last 30 days per final status, and the cases frozen now
 * @param agents                per staff member: open entries they hold, and their decisions of the last 30 days
 * @param at                    when the figures were computed; the API also writes it as {@code asOf}
 */
public record SlaSummary(Map<String, Long> backlogByStatus, Map<String, Long> openTasks, Map<String, Long> breachedTasks,
                         OffsetDateTime oldestOpenCaseSince, long openedLast24h, Map<String, Long> closedLast7dByOutcome,
                         Map<String, Long> ageing, int dueSoonHours, Map<String, Long> dueSoon, long resolutionBreachedNow,
                         BreachRate breaches7d, BreachRate breaches30d, Times firstResponse, Times resolution,
                         List<DayCount> perDay, Map<String, Long> outcomes30d, List<AgentLoad> agents, OffsetDateTime at) {

    /**
     * @param resolved     cases the desk gave its final answer to in the window
     * @param breached     of them, those with any target missed
     * @param percent      breached / resolved × 100, one decimal (null when none was resolved)
     * @param recordedByKind breaches recorded in the window, per kind (FIRST_RESPONSE, RESOLUTION, REVIEW, APPROVAL)
     */
    public record BreachRate(long resolved, long breached, Double percent, Map<String, Long> recordedByKind) {}

    /** @param count how many; the median and the 90th percentile in seconds (null when none) */
    public record Times(long count, Long medianSeconds, Long p90Seconds) {}

    public record DayCount(LocalDate day, long filed, long closed) {}

    public record AgentLoad(String username, long openTasks, Map<String, Long> decisions30d) {}

    /** The snapshot's time ({@link SummarySnapshot}): the answer may be up to one refresh interval old. */
    @JsonProperty("asOf")
    public OffsetDateTime asOf() {
        return at;
    }

    public long backlogTotal() {
        return backlogByStatus.values().stream().mapToLong(Long::longValue).sum();
    }
}
