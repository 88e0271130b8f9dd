package com.recoverydesk.admin;

import com.recoverydesk.cases.TicketReferences;
import com.recoverydesk.identity.Roles;
import com.recoverydesk.workers.ProcessOperationsService;
import com.recoverydesk.web.ProblemException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Locale;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The operations view of the process engine: active instances and open incidents (embedded engine
 * only), with "retry" on an incident and "cancel" on an instance. Each action is a form post that
 * redirects back with a notice; a refusal is shown on the page.
 */
@Path("/admin/processes")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Roles.ADMIN)
public class AdminProcessPages {

    private final ProcessOperationsService operations;
    private final JsonWebToken jwt;

    public AdminProcessPages(ProcessOperationsService operations, JsonWebToken jwt) {
        this.operations = operations;
        this.jwt = jwt;
    }

    /** {@code processes} is null in remote mode, where the engine cannot be listed from here. */
    @CheckedTemplate
    static class Templates {
        /** @param ticketRef the case the lists are narrowed to, or null for the oldest of all */
        static native TemplateInstance processes(ProcessOperationsService.EngineStatusView engine,
                                                 ProcessOperationsService.ProcessesView processes, String ticketRef,
                                                 int retriesAfterIncident, String notice, String error);
    }

    /** @param ticketRef narrows the lists to that case's instance and its incidents: the full lists show only the oldest */
    @GET
    public Response show(@QueryParam("retried") String retried, @QueryParam("cancelled") String cancelled,
                         @QueryParam("ticketRef") String ticketRef) {
        // the notice is built from a number, never from text in the address, so a link cannot put words on this page
        String notice = null;
        if (isKey(retried)) {
            notice = "Incident " + retried + " is resolved; the engine runs its step again.";
        } else if (isKey(cancelled)) {
            notice = "Process instance " + cancelled + " is cancelled.";
        }
        String ticket = ticketRef == null ? "" : ticketRef.trim().toUpperCase(Locale.ROOT);
        if (ticket.isEmpty()) {
            return Response.ok(page(notice, null)).build();
        }
        if (!TicketReferences.isWellFormed(ticket)) { // not repeated: only a well-formed reference is put on the page
            return Response.status(400).entity(page(null, "A ticket reference looks like RCV-7KQ2-M9XD.")).build();
        }
        try {
            return Response.ok(page(operations.processesOfCase(ticket).orElse(null), ticket, notice, null)).build();
        } catch (ProblemException refused) {
            return Response.status(refused.status()).entity(page(null, refused.getMessage())).build();
        }
    }

    @POST
    @Path("/retry")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response retry(@FormParam("incidentKey") String incidentKey, @FormParam("jobKey") String jobKey) {
        try {
            long incident = requiredKey(incidentKey, "incident key");
            operations.retryIncident(jwt.getName(), incident, optionalKey(jobKey, "job key"));
            return Response.seeOther(URI.create("/admin/processes?retried=" + incident)).build();
        } catch (ProblemException refused) {
            return Response.status(refused.status()).entity(page(null, refused.getMessage())).build();
        }
    }

    @POST
    @Path("/cancel")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response cancel(@FormParam("instanceKey") String instanceKey, @FormParam("reason") String reason,
                           @FormParam("confirm") String confirm) {
        try {
            long instance = requiredKey(instanceKey, "process instance key");
            if (!"yes".equals(confirm)) {
                throw ProblemException.badRequest("Tick the box to confirm: cancelling ends the case for good.");
            }
            operations.cancelInstance(jwt.getName(), instance, reason);
            return Response.seeOther(URI.create("/admin/processes?cancelled=" + instance)).build();
        } catch (ProblemException refused) {
            return Response.status(refused.status()).entity(page(null, refused.getMessage())).build();
        }
    }

    /** The oldest instances and incidents of all cases. */
    private TemplateInstance page(String notice, String error) {
        return page(operations.processes().orElse(null), null, notice, error);
    }

    private TemplateInstance page(ProcessOperationsService.ProcessesView processes, String ticketRef, String notice, String error) {
        return Templates.processes(operations.status(), processes, ticketRef, ProcessOperationsService.RETRIES_AFTER_INCIDENT, notice, error);
    }

    private static boolean isKey(String text) {
        return text != null && text.matches("[0-9]{1,19}");
    }

    private static long requiredKey(String text, String name) {
        Long key = optionalKey(text, name);
        if (key == null) {
            throw ProblemException.badRequest("Enter the " + name + ".");
        }
        return key;
    }

    private static Long optionalKey(String text, String name) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String trimmed = text.trim();
        try {
            long key = isKey(trimmed) ? Long.parseLong(trimmed) : -1;
            if (key > 0) {
                return key;
            }
        } catch (NumberFormatException tooLarge) {
            // falls through to the same answer as any other text
        }
        throw ProblemException.badRequest("The " + name + " must be a positive whole number.");
    }
}
