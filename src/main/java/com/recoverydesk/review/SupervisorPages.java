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

/** The supervisor's desk: the queue of second approvals, the case due first at the top. */
@Path("/supervisor")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Roles.SUPERVISOR)
public class SupervisorPages {

    private final QueueScreen screen;

    public SupervisorPages(ReviewQueue queue, SecurityIdentity identity) {
        this.screen = new QueueScreen(queue, identity, TaskQueue.APPROVAL, "/supervisor", "Approval queue",
                "Cases an agent approved, waiting for the second approval. Claim a case to take it.");
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
