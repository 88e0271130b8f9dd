package com.recoverydesk.sla;

import com.recoverydesk.identity.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/api/v1/sla/summary")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.MANAGER)
public class SlaResource {

    private final SlaService sla;

    public SlaResource(SlaService sla) {
        this.sla = sla;
    }

    @GET
    public SlaSummary summary() {
        return sla.summary();
    }
}
