package com.recoverydesk.intake;

import com.recoverydesk.web.RequesterLanguage;
import com.recoverydesk.web.ClientAddress;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Intake without login: anyone may file a request; only the mailed code opens a case. */
@Path("/api/v1/recovery-requests")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@PermitAll
public class IntakeResource {

    private final IntakeConfig config;
    private final IntakeService intake;
    private final AccessCodeMailer mailer;
    /** The one answer to every accepted request, registered address or not. */
    private final String accepted;

    public IntakeResource(IntakeService intake, AccessCodeMailer mailer, IntakeConfig config) {
        this.config = config;
        this.intake = intake;
        this.mailer = mailer;
        this.accepted = "If an account is registered under this address, we have sent a code and a link to it. "
                + "They are good for " + config.codeLifetime().toMinutes() + " minutes.";
    }

    public record RecoveryRequestRequest(@NotBlank @Email @Size(max = 320) String accountEmail,
                                         @NotBlank @Size(max = 2000) String description) {}

    public record AcceptedResponse(String message) {}

    public record ConfirmationRequest(@NotBlank @Email @Size(max = 320) String accountEmail,
                                      @NotBlank @Pattern(regexp = "\\s*\\d{6}\\s*", message = "must be the 6-digit code from the mail") String code) {}

    public record ConfirmationResponse(String ticketRef, String caseToken, boolean newCase) {}

    @POST
    public Response file(@Valid @NotNull RecoveryRequestRequest request, @Context HttpServerRequest http) {
        IntakeService.FiledRequest filed = intake.fileRequest(request.accountEmail(), request.description(), ClientAddress.of(http), country(http),
                RequesterLanguage.fromAcceptLanguage(http.getHeader("Accept-Language")).orElse(RequesterLanguage.ENGLISH));
        mailer.sendLater(filed);
        return Response.accepted(new AcceptedResponse(accepted)).build();
    }

    private java.util.Optional<String> country(HttpServerRequest http) {
        return config.countryHeader().map(http::getHeader);
    }

    @POST
    @Path("/confirmations")
    public Response confirm(@Valid @NotNull ConfirmationRequest request, @Context HttpServerRequest http) {
        IntakeService.Confirmed confirmed = intake.confirmWithCode(request.accountEmail(), request.code(), ClientAddress.of(http));
        return Response.status(201).entity(new ConfirmationResponse(confirmed.ticketRef(), confirmed.caseToken(), confirmed.newCase())).build();
    }
}
