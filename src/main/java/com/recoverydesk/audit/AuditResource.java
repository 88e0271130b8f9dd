package com.recoverydesk.audit;

import com.recoverydesk.web.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.stream.Collectors;

/** Compliance's API over the audit trail (DESIGN.md §9, docs/compliance.md). */
@Path("/api/v1/audit")
@RolesAllowed(AuditResource.COMPLIANCE)
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    // the role's name as a literal: audit must not import identity (the packages would form a cycle)
    static final String COMPLIANCE = "compliance";
    static final String JSON_LINES = "application/jsonl";
    static final String PEM = "application/x-pem-file";
    private static final int DEFAULT_PAGE_SIZE = 100;

    private final AuditQueryService queries;
    private final AuditExport export;
    private final AuditCheckpoints checkpoints;
    private final SecurityIdentity identity;

    public AuditResource(AuditQueryService queries, AuditExport export, AuditCheckpoints checkpoints, SecurityIdentity identity) {
        this.queries = queries;
        this.export = export;
        this.checkpoints = checkpoints;
        this.identity = identity;
    }

    /** The chain and every checkpoint; the answer names the first broken seq and the kind of tampering. */
    @GET
    @Path("/verification")
    public AuditVerification verification() {
        return queries.verify(me());
    }

    /**
     * Events oldest first (seq order, as the chain runs). Page on with {@code after} = the
     * previous page's {@code nextAfter}. {@code from} is inclusive, {@code to} exclusive.
     */
    @GET
    @Path("/events")
    public AuditEventPage events(@QueryParam("caseId") String caseId, @QueryParam("ticketRef") String ticketRef,
                                 @QueryParam("actor") String actor, @QueryParam("action") String action,
                                 @QueryParam("from") String from, @QueryParam("to") String to,
                                 @QueryParam("after") String after, @QueryParam("limit") String limit) {
        AuditEventFilter filter = new AuditEventFilter(blankToNull(caseId), blankToNull(ticketRef), blankToNull(actor),
                blankToNull(action), instant("from", from), instant("to", to));
        requireOrdered(filter.from(), filter.to());
        long afterSeq = number("after", after, 0, 0, Long.MAX_VALUE);
        int pageSize = (int) number("limit", limit, DEFAULT_PAGE_SIZE, 1, AuditQueryService.MAX_PAGE_SIZE);
        return queries.search(filter, afterSeq, pageSize, me());
    }

    /**
     * The events of the window with their hashes, the checkpoints naming them, the public keys, and
     * a closing checkpoint signed now, as JSON Lines (docs/compliance.md, "The export").
     */
    @GET
    @Path("/export")
    @Produces(JSON_LINES)
    public Response export(@QueryParam("from") String from, @QueryParam("to") String to) {
        Instant fromTime = instant("from", from);
        Instant toTime = instant("to", to);
        requireOrdered(fromTime, toTime);
        AuditExport.Plan plan = export.plan(fromTime, toTime, me())
                .orElseThrow(() -> ProblemException.notFound("No audit events lie in that period."));
        StreamingOutput body = out -> export.write(plan, out);
        return Response.ok(body, JSON_LINES)
                .header("Content-Disposition", "attachment; filename=\"audit-export-" + plan.firstSeq() + "-" + plan.lastSeq() + ".jsonl\"")
                .build();
    }

    /** Signs the chain head now; refused with 409 when the chain since the last checkpoint does not verify. */
    @POST
    @Path("/checkpoints")
    public Response signCheckpoint() {
        try {
            AuditCheckpointView signed = checkpoints.sign(AuditCheckpointView.ON_DEMAND, identity.getPrincipal().getName());
            return Response.created(URI.create("/api/v1/audit/checkpoints/" + signed.number())).entity(signed).build();
        } catch (ChainBrokenException broken) {
            throw new ProblemException(409, "Chain broken", "No checkpoint was signed. " + broken.getMessage());
        }
    }

    @GET
    @Path("/checkpoints")
    public List<AuditCheckpointView> checkpoints(@QueryParam("after") String after, @QueryParam("limit") String limit) {
        return checkpoints.list(number("after", after, 0, 0, Long.MAX_VALUE),
                (int) number("limit", limit, DEFAULT_PAGE_SIZE, 1, AuditQueryService.MAX_PAGE_SIZE));
    }

    @GET
    @Path("/checkpoints/{number}")
    public AuditCheckpointView checkpoint(@PathParam("number") String number) {
        long n = number("number", number, 0, 1, Long.MAX_VALUE);
        return checkpoints.find(n).orElseThrow(() -> ProblemException.notFound("There is no checkpoint " + n + "."));
    }

    /** The keys checkpoints are signed with: the current one and the retired ones that signed older checkpoints. */
    @GET
    @Path("/public-key")
    public PublicKeys publicKeys() {
        return new PublicKeys(checkpoints.publicKeys());
    }

    /** The same keys as PEM, the form the offline verifier takes as its PUBLIC_KEY argument. */
    @GET
    @Path("/public-key")
    @Produces(PEM)
    public String publicKeysPem() {
        return checkpoints.publicKeys().stream().map(CheckpointKeys.PublicKeyView::publicKeyPem).collect(Collectors.joining());
    }

    public record PublicKeys(List<CheckpointKeys.PublicKeyView> keys) {
    }

    private Actor me() {
        return Actor.staff(identity.getPrincipal().getName(), COMPLIANCE);
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
