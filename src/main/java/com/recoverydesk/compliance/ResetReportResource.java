package com.recoverydesk.compliance;

import com.recoverydesk.audit.Actor;
import com.recoverydesk.identity.Roles;
import com.recoverydesk.web.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * {@code GET /api/v1/compliance/resets?from&to}: the reset report of a period as JSON, or as CSV
 * for {@code Accept: text/csv} (or {@code format=csv}, for a plain download link). Compliance only.
 */
@Path("/api/v1/compliance/resets")
@RolesAllowed(Roles.COMPLIANCE)
public class ResetReportResource {

    static final String CSV = "text/csv";

    private final ResetReportService reports;
    private final SecurityIdentity identity;

    public ResetReportResource(ResetReportService reports, SecurityIdentity identity) {
        this.reports = reports;
        this.identity = identity;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, CSV})
    public Response report(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("format") String format,
                           @Context HttpHeaders headers) {
        Instant fromTime = instant("from", from);
        Instant toTime = instant("to", to);
        if (!fromTime.isBefore(toTime)) {
            throw ProblemException.badRequest("'from' must be before 'to'.");
        }
        boolean csv = "csv".equals(format) || format == null && wantsCsv(headers);
        if (format != null && !csv && !"json".equals(format)) {
            throw ProblemException.badRequest("'format' is json or csv.");
        }
        ResetReportView report = reports.report(fromTime, toTime, csv ? "csv" : "json",
                Actor.staff(identity.getPrincipal().getName(), Roles.COMPLIANCE));
        if (!csv) {
            return Response.ok(report, MediaType.APPLICATION_JSON).build();
        }
        return Response.ok(ResetReportCsv.of(report), CSV + ";charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"resets-" + fromTime + "-" + toTime + ".csv\"").build();
    }

    /** CSV when the client asks for it before (or instead of) JSON. */
    private static boolean wantsCsv(HttpHeaders headers) {
        for (MediaType type : headers.getAcceptableMediaTypes()) {
            if (type.isCompatible(MediaType.valueOf(CSV)) && !type.isWildcardType()) {
                return true;
            }
            if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return false;
            }
        }
        return false;
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.badRequest("'" + name + "' is required: an ISO-8601 date-time with offset, such as 2026-11-01T00:00:00Z.");
        }
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("'" + name + "' must be an ISO-8601 date-time with offset, such as 2026-11-01T00:00:00Z.");
        }
    }
}
