package com.recoverydesk.admin;

import com.recoverydesk.identity.Roles;
import com.recoverydesk.workers.ProcessOperationsService;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The administrator's start page: the state of the process engine and the way to its operations view. */
@Path("/admin")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Roles.ADMIN)
public class AdminPages {

    private final ProcessOperationsService operations;

    public AdminPages(ProcessOperationsService operations) {
        this.operations = operations;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(ProcessOperationsService.EngineStatusView engine);
    }

    @GET
    public TemplateInstance index() {
        return Templates.index(operations.status());
    }
}
