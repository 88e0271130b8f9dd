package com.recoverydesk.compliance;

import com.recoverydesk.audit.Actor;
import com.recoverydesk.identity.Roles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** The reset report on screen ({@code /compliance/resets}): days in UTC, the last day included. */
@Path("/compliance/resets")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Roles.COMPLIANCE)
public class ResetReportPages {

    private final ResetReportService reports;
    private final SecurityIdentity identity;

    public ResetReportPages(ResetReportService reports, SecurityIdentity identity) {
        this.reports = reports;
        this.identity = identity;
    }

    /** The form as typed, the report (null before a period is chosen), its CSV link and a refusal. */
    public record ReportPageView(String from, String to, ResetReportView report, String csvLink, String error) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance report(ReportPageView view);
    }

    @GET
    public TemplateInstance show(@QueryParam("from") String from, @QueryParam("to") String to) {
        String fromDay = from == null ? "" : from.trim();
        String toDay = to == null ? "" : to.trim();
        if (fromDay.isEmpty() && toDay.isEmpty()) {
            return Templates.report(new ReportPageView("", "", null, null, null));
        }
        Instant start;
        Instant end;
        try {
            start = LocalDate.parse(fromDay).atStartOfDay().toInstant(ZoneOffset.UTC);
            end = LocalDate.parse(toDay).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException badDate) {
            return Templates.report(new ReportPageView(fromDay, toDay, null, null, "Give both days, like 2026-11-01 and 2026-11-30."));
        }
        if (!start.isBefore(end)) {
            return Templates.report(new ReportPageView(fromDay, toDay, null, null, "The first day must not be after the last day."));
        }
        ResetReportView report = reports.report(start, end, "html", Actor.staff(identity.getPrincipal().getName(), Roles.COMPLIANCE));
        String csv = "/api/v1/compliance/resets?from=" + encode(start.toString()) + "&to=" + encode(end.toString()) + "&format=csv";
        return Templates.report(new ReportPageView(fromDay, toDay, report, csv, null));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
