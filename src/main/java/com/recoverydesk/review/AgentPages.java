package com.recoverydesk.review;

import com.recoverydesk.identity.Roles;
import com.recoverydesk.web.ProblemException;
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
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** The agent's desk: the review queue, the case due first at the top, and claiming a case. */
@Path("/agent")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Roles.AGENT)
public class AgentPages {

    private final ReviewQueue queue;
    private final SecurityIdentity identity;

    public AgentPages(ReviewQueue queue, SecurityIdentity identity) {
        this.queue = queue;
        this.identity = identity;
    }

    /** A queue row as the screen shows it. */
    public record QueueRowView(ReviewTaskView task, boolean overdue, boolean mine, boolean claimable) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance queue(List<QueueRowView> rows, String notice, String error);
    }

    @GET
    public TemplateInstance show(@QueryParam("claimed") String claimedTicket) {
        return page(claimedTicket != null && claimedTicket.matches("RCV-[A-Z0-9]{4}-[A-Z0-9]{4}")
                ? "You claimed " + claimedTicket + "." : null, null);
    }

    @POST
    @Path("/tasks/{taskId}/claim")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response claim(@PathParam("taskId") String taskId) {
        try {
            ReviewTaskView claimed = queue.claim(taskId, identity.getPrincipal().getName(), TaskQueue.REVIEW);
            return Response.seeOther(URI.create("/agent?claimed=" + claimed.ticketRef())).build();
        } catch (ProblemException refused) {
            return Response.status(refused.status()).entity(page(null, refused.getMessage())).build();
        }
    }

    private TemplateInstance page(String notice, String error) {
        String me = identity.getPrincipal().getName();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<QueueRowView> rows = queue.openTasks(TaskQueue.REVIEW).stream()
                .map(task -> new QueueRowView(task, task.dueAt().isBefore(now), me.equals(task.assignee()), task.assignee() == null))
                .toList();
        return Templates.queue(rows, notice, error);
    }
}
