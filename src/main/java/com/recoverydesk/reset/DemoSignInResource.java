package com.recoverydesk.reset;

import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code POST /api/v1/demo/account-sign-in}: a demo customer signs in to the built-in directory. Demo setting only. */
@Path("/api/v1/demo/account-sign-in")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@IfBuildProperty(name = "recovery.identity.seed-demo-data", stringValue = "true")
public class DemoSignInResource {

    private final DemoSignInService signIn;

    public DemoSignInResource(DemoSignInService signIn) {
        this.signIn = signIn;
    }

    @POST
    @PermitAll
    public DemoSignInService.SignInResponse signIn(DemoSignInService.SignInRequest request) {
        return signIn.signIn(request, "demo API");
    }
}
