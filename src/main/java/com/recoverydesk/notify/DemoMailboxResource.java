package com.recoverydesk.notify;

import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * The demo mailbox as JSON, so that a demo or a test can read the code a requester was mailed.
 * Open to anyone, which is why it only exists when the mail transport is {@code demo}.
 */
@Path("/api/v1/demo/mailbox")
@Produces(MediaType.APPLICATION_JSON)
@IfBuildProperty(name = "recovery.mail.transport", stringValue = "demo")
public class DemoMailboxResource {

    private final MailService mail;

    public DemoMailboxResource(MailService mail) {
        this.mail = mail;
    }

    @GET
    @PermitAll
    public List<MailService.DemoMailView> mailbox(@QueryParam("to") String to, @QueryParam("limit") @DefaultValue("50") int limit) {
        return mail.demoMailbox(to, Math.max(1, Math.min(limit, 200)));
    }
}
