package com.recoverydesk.notify;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The demo mailbox screen: the mails the service would have sent, as their recipients would read them. */
@Path("/demo/mailbox")
@Produces(MediaType.TEXT_HTML)
@IfBuildProperty(name = "recovery.mail.transport", stringValue = "demo")
public class DemoMailboxPages {

    private final MailService mail;

    public DemoMailboxPages(MailService mail) {
        this.mail = mail;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance mailbox(String to, List<MailService.DemoMailView> mails);
    }

    @GET
    @PermitAll
    public TemplateInstance mailbox(@QueryParam("to") String to) {
        return Templates.mailbox(to == null ? "" : to, mail.demoMailbox(to, 50));
    }
}
