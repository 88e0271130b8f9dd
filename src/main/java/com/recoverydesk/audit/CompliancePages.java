package com.recoverydesk.audit;

import com.recoverydesk.identity.Roles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The compliance officer's place: search the audit trail, verify its chain, and export it with
 * its hashes for offline verification.
 */
@Path("/compliance")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Roles.COMPLIANCE)
public class CompliancePages {

    static final int PAGE_SIZE = 100;

    private final AuditQueryService queries;
    private final AuditVerifier verifier;

    public CompliancePages(AuditQueryService queries, AuditVerifier verifier) {
        this.queries = queries;
        this.verifier = verifier;
    }

    /** The search as the form holds it; dates are days (UTC), "to" inclusive. */
    public record SearchForm(String caseId, String actor, String from, String to) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance trail(SearchForm form, AuditEventPage page, AuditVerification verification, String error);
    }

    @GET
    public TemplateInstance search(@QueryParam("caseId") String caseId, @QueryParam("actor") String actor,
                                   @QueryParam("from") String from, @QueryParam("to") String to) {
        SearchForm form = new SearchForm(trim(caseId), trim(actor), trim(from), trim(to));
        try {
            Instant fromTime = form.from().isEmpty() ? null : LocalDate.parse(form.from()).atStartOfDay().toInstant(ZoneOffset.UTC);
            Instant toTime = form.to().isEmpty() ? null : LocalDate.parse(form.to()).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
            if (fromTime != null && toTime != null && !fromTime.isBefore(toTime)) {
                return Templates.trail(form, null, null, "The first day must not be after the last day.");
            }
            AuditEventFilter filter = new AuditEventFilter(blankToNull(form.caseId()), blankToNull(form.actor()), fromTime, toTime);
            return Templates.trail(form, queries.findEvents(filter, 0, PAGE_SIZE), null, null);
        } catch (DateTimeParseException badDate) {
            return Templates.trail(form, null, null, "Dates are days like 2026-11-26.");
        }
    }

    @POST
    @Path("/verification")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance verify() {
        SearchForm empty = new SearchForm("", "", "", "");
        return Templates.trail(empty, queries.findEvents(new AuditEventFilter(null, null, null, null), 0, PAGE_SIZE), verifier.verify(), null);
    }

    private static String trim(String s) {
        return s == null ? "" : s.trim();
    }

    private static String blankToNull(String s) {
        return s.isEmpty() ? null : s;
    }
}
