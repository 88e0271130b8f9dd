package com.recoverydesk.requester;

import com.recoverydesk.evidence.CaseEvidenceService;
import com.recoverydesk.evidence.EvidenceKind;
import com.recoverydesk.identity.Roles;
import com.recoverydesk.web.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Arrays;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** The requester's case over the API, with the case token from the confirmation. */
@Path("/api/v1/my-case")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.REQUESTER)
public class MyCaseResource {

    private final MyCaseService cases;
    private final CaseEvidenceService evidence;
    private final JsonWebToken token;

    public MyCaseResource(MyCaseService cases, CaseEvidenceService evidence, JsonWebToken token) {
        this.cases = cases;
        this.evidence = evidence;
        this.token = token;
    }

    @GET
    public MyCaseView myCase() {
        return cases.view(token);
    }

    @POST
    @Path("/evidence")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(@RestForm("kind") String kind, @RestForm("file") FileUpload file) {
        EvidenceKind parsed = parseKind(kind);
        try (InputStream content = open(file)) {
            CaseEvidenceService.UploadedEvidence uploaded = evidence.upload(cases.caseIdForUpload(token), parsed, content, declared(file));
            return Response.status(201).entity(uploaded).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @POST
    @Path("/submission")
    public Response submit() {
        evidence.submit(cases.caseIdOf(token));
        return Response.accepted().build();
    }

    @POST
    @Path("/withdrawal")
    public Response withdraw() {
        cases.withdraw(token);
        return Response.accepted().build();
    }

    static EvidenceKind parseKind(String kind) {
        try {
            return EvidenceKind.valueOf(kind == null ? "" : kind.trim());
        } catch (IllegalArgumentException unknown) {
            throw ProblemException.badRequest("kind must be one of " + Arrays.toString(EvidenceKind.values()) + ".");
        }
    }

    static CaseEvidenceService.DeclaredFile declared(FileUpload file) {
        return new CaseEvidenceService.DeclaredFile(file.fileName(), file.contentType());
    }

    /** The part, which Quarkus has spooled to a private temporary file that it deletes after the request. */
    static InputStream open(FileUpload file) {
        if (file == null || file.uploadedFile() == null) {
            throw ProblemException.badRequest("Attach the file as the multipart part 'file'.");
        }
        try {
            return Files.newInputStream(file.uploadedFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
