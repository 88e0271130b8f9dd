package com.recoverydesk.audit;

import com.recoverydesk.web.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Compliance's API over the audit trail (DESIGN.md §9). */
@Path("/api/v1/audit")
@RolesAllowed("compliance")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    static final String JSON_LINES = "application/jsonl";
    private static final int DEFAULT_PAGE_SIZE = 100;

    private final AuditVerifier verifier;
    private final AuditQueryService queries;

    public AuditResource(AuditVerifier verifier, AuditQueryService queries) {
        this.verifier = verifier;
        this.queries = queries;
    }

    @GET
    @Path("/verification")
    public AuditVerification verification() {
        return verifier.verify();
    }

    /**
     * Events oldest first (seq order, as the chain runs). Page on with {@code after} = the
     * previous page's {@code nextAfter}. {@code from} is inclusive, {@code to} exclusive.
     */
    @GET
    @Path("/events")
    public AuditEventPage events(@QueryParam("caseId") String caseId, @QueryParam("actor") String actor,
                                 @QueryParam("from") String from, @QueryParam("to") String to,
                                 @QueryParam("after") String after, @QueryParam("limit") String limit) {
        AuditEventFilter filter = new AuditEventFilter(blankToNull(caseId), blankToNull(actor),
                instant("from", from), instant("to", to));
        requireOrdered(filter.from(), filter.to());
        long afterSeq = number("after", after, 0, 0, Long.MAX_VALUE);
        int pageSize = (int) number("limit", limit, DEFAULT_PAGE_SIZE, 1, AuditQueryService.MAX_PAGE_SIZE);
        return queries.findEvents(filter, afterSeq, pageSize);
    }

    /** The trail as JSON Lines, each line an event with its prevHash and hash, streamed. */
    @GET
    @Path("/export")
    @Produces(JSON_LINES)
    public Response export(@QueryParam("from") String from, @QueryParam("to") String to) {
        Instant fromTime = instant("from", from);
        Instant toTime = instant("to", to);
        requireOrdered(fromTime, toTime);
        StreamingOutput body = out -> queries.export(fromTime, toTime, out);
        return Response.ok(body, JSON_LINES)
                .header("Content-Disposition", "attachment; filename=\"audit-export.jsonl\"")
                .build();
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("'" + name + "' must be an ISO-8601 date-time with offset, such as 2025-03-01T00:00:00Z.");
        }
    }

    private static void requireOrdered(Instant from, Instant to) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw ProblemException.badRequest("'from' must be before 'to'.");
        }
    }

    private static long number(String name, String value, long fallback, long min, long max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            long n = Long.parseLong(value.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.badRequest("'" + name + "' must be a whole number from " + min + " to " + max + ".");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
