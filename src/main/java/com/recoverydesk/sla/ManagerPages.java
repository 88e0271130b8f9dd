package com.recoverydesk.sla;

import com.recoverydesk.cases.CaseStatus;
import com.recoverydesk.identity.Roles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The manager's place: backlog, ageing, breaches, times, throughput, outcomes and workload, refreshed every minute. */
@Path("/manager")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Roles.MANAGER)
public class ManagerPages {

    /** How often the page reloads itself (a meta refresh: no script needed). */
    static final int REFRESH_SECONDS = 60;
    private static final List<CaseStatus> STAGES = List.of(CaseStatus.AWAITING_EVIDENCE, CaseStatus.IN_REVIEW, CaseStatus.AWAITING_APPROVAL,
            CaseStatus.COOLING_OFF, CaseStatus.FROZEN);
    private static final List<CaseStatus> OUTCOMES = List.of(CaseStatus.RECOVERED, CaseStatus.REJECTED, CaseStatus.EXPIRED, CaseStatus.FROZEN,
            CaseStatus.WITHDRAWN, CaseStatus.CANCELLED);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MM-dd");

    private static final DateTimeFormatter AS_OF = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'");

    private final SlaService sla;
    private final SummarySnapshot snapshot;

    public ManagerPages(SlaService sla, SummarySnapshot snapshot) {
        this.sla = sla;
        this.snapshot = snapshot;
    }

    /** @param freshness when the figures were computed and how often they are, in words */
    @CheckedTemplate
    static class Templates {
        static native TemplateInstance dashboard(SlaSummary summary, List<ChartView> charts, int refreshSeconds, String freshness);
    }

    @GET
    public TemplateInstance dashboard() {
        SlaSummary summary = snapshot.latest();
        return Templates.dashboard(summary, charts(summary), REFRESH_SECONDS, freshness(summary, snapshot.interval()));
    }

    /** {@code Figures as of 2026-12-01 14:02:31 UTC, refreshed every 30 s}. */
    static String freshness(SlaSummary summary, java.time.Duration interval) {
        String asOf = "Figures as of " + summary.asOf().withOffsetSameInstant(java.time.ZoneOffset.UTC).format(AS_OF);
        return asOf + (interval == null ? ", computed for this request" : ", refreshed every " + interval.toSeconds() + " s");
    }

    /** The cases behind the figures as a CSV download (a link cannot ask for {@code Accept: text/csv}). */
    @GET
    @Path("/cases.csv")
    @Produces(SlaResource.CSV)
    public Response casesAsCsv(@QueryParam("from") String from, @QueryParam("to") String to) {
        return SlaResource.csv(sla, SlaPeriod.parse(from, to));
    }

    static List<ChartView> charts(SlaSummary summary) {
        ChartView perDay = ChartView.grouped("chart-per-day", "Cases filed and closed per day, last " + summary.perDay().size() + " days",
                List.of("filed", "closed"), summary.perDay().stream().map(d -> d.day().format(DAY)).toList(),
                summary.perDay().stream().map(d -> List.of(d.filed(), d.closed())).toList());
        return List.of(perDay,
                ChartView.simple("chart-backlog", "Open cases by stage", "cases", ordered(STAGES, summary.backlogByStatus())),
                ChartView.simple("chart-ageing", "Open cases by age", "cases", summary.ageing()),
                ChartView.simple("chart-outcomes", "Outcomes, last 30 days (frozen: now)", "cases", ordered(OUTCOMES, summary.outcomes30d())));
    }

    private static Map<String, Long> ordered(List<CaseStatus> order, Map<String, Long> counts) {
        Map<String, Long> ordered = new LinkedHashMap<>();
        order.forEach(s -> ordered.put(s.name(), counts.getOrDefault(s.name(), 0L)));
        return ordered;
    }
}
