package com.recoverydesk.review;

import com.recoverydesk.identity.Roles;
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

/** The agent's desk: the review queue, the case due first at the top, and claiming a case. */
@Path("/agent")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Roles.AGENT)
public class AgentPages {

    private final QueueScreen screen;

    public AgentPages(ReviewQueue queue, SecurityIdentity identity) {
        this.screen = new QueueScreen(queue, identity, TaskQueue.REVIEW, "/agent", "Review queue",
                "Cases whose evidence is submitted, the one due first at the top. Claim a case to take it.");
    }

    @GET
    public TemplateInstance show(@QueryParam("claimed") String claimedTicket) {
        return screen.show(claimedTicket);
    }

    @POST
    @Path("/tasks/{taskId}/claim")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response claim(@PathParam("taskId") String taskId) {
        return screen.claim(taskId);
    }
}
