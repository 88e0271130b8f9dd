package com.recoverydesk.identity;

import com.recoverydesk.web.ClientAddress;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.eclipse.microprofile.jwt.JsonWebToken;

@Path("/api/v1/auth")
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    private final StaffAuthService auth;
    private final TokenService tokens;
    private final JsonWebToken jwt;

    public AuthResource(StaffAuthService auth, TokenService tokens, JsonWebToken jwt) {
        this.auth = auth;
        this.tokens = tokens;
        this.jwt = jwt;
    }

    public record TokenRequest(@NotBlank @Size(max = 64) String username,
                               @NotBlank @Size(max = 200) String password,
                               @Size(max = 10) String totp) {}

    public record TokenResponse(String accessToken, String tokenType, long expiresIn) {}

    @POST
    @Path("/token")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    public TokenResponse token(@Valid @jakarta.validation.constraints.NotNull TokenRequest request, @Context HttpServerRequest http) {
        StaffAuthService.SignedIn signedIn = auth.signIn(request.username(), request.password(), request.totp(), ClientAddress.of(http));
        return new TokenResponse(signedIn.token().token(), "Bearer", signedIn.token().expiresInSeconds());
    }

    /** Signs the presented token out: it is refused from now on, although not yet expired. */
    @POST
    @Path("/logout")
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.COMPLIANCE, Roles.MANAGER, Roles.ADMIN})
    public void logout() {
        auth.signOut(jwt.getName(), jwt.getGroups(), jwt.getTokenID(), Instant.ofEpochSecond(jwt.getExpirationTime()));
    }
}
