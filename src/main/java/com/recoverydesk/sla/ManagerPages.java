package com.recoverydesk.sla;

import com.recoverydesk.identity.Roles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The manager's place: the desk's backlog, breaches and recent outcomes. */
@Path("/manager")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Roles.MANAGER)
public class ManagerPages {

    private final SlaService sla;

    public ManagerPages(SlaService sla) {
        this.sla = sla;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance dashboard(SlaSummary summary);
    }

    @GET
    public TemplateInstance dashboard() {
        return Templates.dashboard(sla.summary());
    }
}
