package com.recoverydesk.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * The start page: a staff member sees the places of their roles; a visitor without a session
 * chooses between a recovery request and the staff sign-in.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class HomePages {

    private final CurrentUser currentUser;

    public HomePages(CurrentUser currentUser) {
        this.currentUser = currentUser;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance home(List<StaffPlace> places);
    }

    @GET
    @PermitAll
    public TemplateInstance home() {
        return Templates.home(currentUser.getPlaces());
    }
}
