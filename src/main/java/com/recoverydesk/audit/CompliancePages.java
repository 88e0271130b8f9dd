package com.recoverydesk.audit;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The compliance officer's place: search the audit trail, read a case's timeline, verify the
 * chain and its checkpoints, sign a checkpoint, and export the trail with its proofs.
 */
@Path("/compliance")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(AuditResource.COMPLIANCE)
public class CompliancePages {

    static final int PAGE_SIZE = 100;
    static final int TIMELINE_PAGE_SIZE = AuditQueryService.MAX_PAGE_SIZE;

    private final AuditQueryService queries;
    private final AuditCheckpoints checkpoints;
    private final SecurityIdentity identity;

    public CompliancePages(AuditQueryService queries, AuditCheckpoints checkpoints, SecurityIdentity identity) {
        this.queries = queries;
        this.checkpoints = checkpoints;
        this.identity = identity;
    }

    /** The search as the form holds it; dates are days (UTC), "to" inclusive. */
    public record SearchForm(String caseId, String ticketRef, String actor, String action, String from, String to) {
        static SearchForm empty() {
            return new SearchForm("", "", "", "", "", "");
        }
    }

    /** What the trail screen shows besides the results. */
    public record TrailView(SearchForm form, AuditEventPage page, String nextLink, String exportLink,
                            AuditVerification verification, AuditCheckpointView checkpoint, String notice, String error) {
    }

    /** A case's events, oldest first. */
    public record TimelineView(String caseId, AuditEventPage page, String nextLink) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance trail(TrailView view);

        static native TemplateInstance timeline(TimelineView view);
    }

    @GET
    public TemplateInstance search(@QueryParam("caseId") String caseId, @QueryParam("ticketRef") String ticketRef,
                                   @QueryParam("actor") String actor, @QueryParam("action") String action,
                                   @QueryParam("from") String from, @QueryParam("to") String to,
                                   @QueryParam("after") Long after) {
        SearchForm form = new SearchForm(trim(caseId), trim(ticketRef).toUpperCase(java.util.Locale.ROOT), trim(actor), trim(action), trim(from), trim(to));
        Instant fromTime;
        Instant toTime;
        try {
            fromTime = form.from().isEmpty() ? null : LocalDate.parse(form.from()).atStartOfDay().toInstant(ZoneOffset.UTC);
            toTime = form.to().isEmpty() ? null : LocalDate.parse(form.to()).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException badDate) {
            return trail(form, null, null, null, "Dates are days like 2026-11-26.");
        }
        if (fromTime != null && toTime != null && !fromTime.isBefore(toTime)) {
            return trail(form, null, null, null, "The first day must not be after the last day.");
        }
        AuditEventFilter filter = new AuditEventFilter(blankToNull(form.caseId()), blankToNull(form.ticketRef()),
                blankToNull(form.actor()), blankToNull(form.action()), fromTime, toTime);
        AuditEventPage page = queries.search(filter, after == null || after < 0 ? 0 : after, PAGE_SIZE, me());
        return trail(form, page, null, null, null);
    }

    @GET
    @Path("/cases/{caseId}")
    public TemplateInstance timeline(@PathParam("caseId") String caseId, @QueryParam("after") Long after) {
        String id = caseId.trim();
        AuditEventPage page = queries.search(AuditEventFilter.ofCase(id), after == null || after < 0 ? 0 : after, TIMELINE_PAGE_SIZE, me());
        String next = page.nextAfter() == null ? null
                : "/compliance/cases/" + encode(id) + "?after=" + page.nextAfter();
        return Templates.timeline(new TimelineView(id, page, next));
    }

    @POST
    @Path("/verification")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance verify() {
        AuditVerification verification = queries.verify(me());
        return trail(SearchForm.empty(), null, verification, null, null);
    }

    @POST
    @Path("/checkpoints")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance signCheckpoint() {
        try {
            AuditCheckpointView signed = checkpoints.sign(AuditCheckpointView.ON_DEMAND, identity.getPrincipal().getName());
            return trail(SearchForm.empty(), null, null,
                    "Checkpoint " + signed.number() + " signed over entry " + signed.seq() + ".", null);
        } catch (ChainBrokenException broken) {
            return trail(SearchForm.empty(), null, null, null, "No checkpoint was signed. " + broken.getMessage());
        }
    }

    private TemplateInstance trail(SearchForm form, AuditEventPage page, AuditVerification verification, String notice, String error) {
        String next = null;
        if (page != null && page.nextAfter() != null) {
            next = "/compliance?" + query(form) + (query(form).isEmpty() ? "" : "&") + "after=" + page.nextAfter();
        }
        Map<String, String> exportWindow = new LinkedHashMap<>();
        if (error == null && !form.from().isEmpty()) {
            exportWindow.put("from", form.from() + "T00:00:00Z");
        }
        if (error == null && !form.to().isEmpty()) {
            exportWindow.put("to", LocalDate.parse(form.to()).plusDays(1) + "T00:00:00Z");
        }
        String export = "/api/v1/audit/export" + (exportWindow.isEmpty() ? "" : "?" + encode(exportWindow));
        return Templates.trail(new TrailView(form, page, next, export, verification,
                checkpoints.latest().orElse(null), notice, error));
    }

    private static String query(SearchForm form) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("caseId", form.caseId());
        q.put("ticketRef", form.ticketRef());
        q.put("actor", form.actor());
        q.put("action", form.action());
        q.put("from", form.from());
        q.put("to", form.to());
        q.values().removeIf(String::isEmpty);
        return encode(q);
    }

    private static String encode(Map<String, String> params) {
        return params.entrySet().stream().map(e -> e.getKey() + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private Actor me() {
        return Actor.staff(identity.getPrincipal().getName(), AuditResource.COMPLIANCE);
    }

    private static String trim(String s) {
        return s == null ? "" : s.trim();
    }

    private static String blankToNull(String s) {
        return s.isEmpty() ? null : s;
    }
}
