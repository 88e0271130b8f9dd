package com.recoverydesk.review;

import com.recoverydesk.identity.Roles;
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
import java.util.List;

/**
 * The queues of the human steps: agents work the review queue, supervisors the approval queue.
 * Each role sees and claims only its own queue.
 */
@Path("/api/v1/review/tasks")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.AGENT, Roles.SUPERVISOR})
public class ReviewResource {

    private final ReviewQueue queue;
    private final SecurityIdentity identity;

    public ReviewResource(ReviewQueue queue, SecurityIdentity identity) {
        this.queue = queue;
        this.identity = identity;
    }

    @GET
    public List<ReviewTaskView> tasks(@QueryParam("queue") String queueName) {
        String asked = queueName != null ? queueName : identity.hasRole(Roles.AGENT) ? "review" : "approval";
        return queue.openTasks(allowedQueue(asked));
    }

    @POST
    @Path("/{taskId}/claim")
    public ReviewTaskView claim(@PathParam("taskId") String taskId) {
        TaskQueue mine = identity.hasRole(Roles.AGENT) ? TaskQueue.REVIEW : TaskQueue.APPROVAL;
        return queue.claim(taskId, identity.getPrincipal().getName(), mine);
    }

    private TaskQueue allowedQueue(String name) {
        TaskQueue asked = switch (name) {
            case "review" -> TaskQueue.REVIEW;
            case "approval" -> TaskQueue.APPROVAL;
            default -> throw ProblemException.badRequest("queue must be review or approval.");
        };
        String needed = asked == TaskQueue.REVIEW ? Roles.AGENT : Roles.SUPERVISOR;
        if (!identity.hasRole(needed)) {
            throw new ProblemException(403, "Forbidden", "The " + name + " queue is for the " + needed + " role.");
        }
        return asked;
    }
}
