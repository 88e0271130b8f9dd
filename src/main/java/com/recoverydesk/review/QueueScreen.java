package com.recoverydesk.review;

import com.recoverydesk.web.ProblemException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * A queue of a human step as a screen (the agents' review queue, the supervisors' approval queue):
 * the entry due first at the top, overdue ones marked, and a claim button on unclaimed ones.
 */
class QueueScreen {

    /** A queue row as the screen shows it. */
    public record QueueRowView(ReviewTaskView task, boolean overdue, boolean mine, boolean claimable) {}

    @CheckedTemplate(basePath = "QueueScreen")
    static class Templates {
        static native TemplateInstance queue(String title, String intro, String path, List<QueueRowView> rows, String notice, String error);
    }

    private final ReviewQueue queue;
    private final SecurityIdentity identity;
    private final TaskQueue taskQueue;
    private final String path;
    private final String title;
    private final String intro;

    QueueScreen(ReviewQueue queue, SecurityIdentity identity, TaskQueue taskQueue, String path, String title, String intro) {
        this.queue = queue;
        this.identity = identity;
        this.taskQueue = taskQueue;
        this.path = path;
        this.title = title;
        this.intro = intro;
    }

    TemplateInstance show(String claimedTicket) {
        return page(claimedTicket != null && claimedTicket.matches("RCV-[A-Z0-9]{4}-[A-Z0-9]{4}") ? "You claimed " + claimedTicket + "." : null, null);
    }

    Response claim(String taskId) {
        try {
            ReviewTaskView claimed = queue.claim(taskId, identity.getPrincipal().getName(), taskQueue);
            return Response.seeOther(URI.create(path + "?claimed=" + claimed.ticketRef())).build();
        } catch (ProblemException refused) {
            return Response.status(refused.status()).entity(page(null, refused.getMessage())).build();
        }
    }

    private TemplateInstance page(String notice, String error) {
        String me = identity.getPrincipal().getName();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<QueueRowView> rows = queue.openTasks(taskQueue).stream()
                .map(task -> new QueueRowView(task, task.dueAt().isBefore(now), me.equals(task.assignee()), task.assignee() == null))
                .toList();
        return Templates.queue(title, intro, path, rows, notice, error);
    }
}
