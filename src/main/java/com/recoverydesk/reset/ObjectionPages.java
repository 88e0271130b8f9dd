package com.recoverydesk.reset;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
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

/**
 * {@code /objection/{token}}, no login: what is about to happen and one button. GET only shows
 * (mail scanners and link previews open links); the button's POST objects.
 */
@Path("/objection/{token}")
@Produces(MediaType.TEXT_HTML)
@PermitAll
public class ObjectionPages {

    private final ObjectionService objections;

    public ObjectionPages(ObjectionService objections) {
        this.objections = objections;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance objection(String token, ObjectionService.ObjectionView view, boolean justObjected);
    }

    @GET
    public Response show(@PathParam("token") String token, @QueryParam("done") String done) {
        ObjectionService.ObjectionView view = objections.preview(token);
        return page(token, view, done != null && view.state() == ObjectionService.State.OBJECTED);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response object(@PathParam("token") String token) {
        ObjectionService.ObjectionView before = objections.preview(token);
        ObjectionService.ObjectionView after = objections.object(token);
        if (before.state() == ObjectionService.State.OPEN && after.state() == ObjectionService.State.OBJECTED) {
            return Response.seeOther(URI.create("/objection/" + token + "?done=1")).build();
        }
        return page(token, after, false);
    }

    private static Response page(String token, ObjectionService.ObjectionView view, boolean justObjected) {
        int status = switch (view.state()) {
            case OPEN, OBJECTED -> 200;
            case UNKNOWN -> 404;
            default -> 410;
        };
        return Response.status(status).header("Cache-Control", "no-store")
                .entity(Templates.objection(view.state() == ObjectionService.State.UNKNOWN ? "" : token, view, justObjected)).build();
    }
}
