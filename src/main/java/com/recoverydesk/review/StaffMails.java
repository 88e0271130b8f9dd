package com.recoverydesk.review;

import com.recoverydesk.notify.MailVariants;
import com.recoverydesk.notify.OutgoingMail;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import java.time.OffsetDateTime;

/** Mails to the desk's own staff. They carry the ticket reference and a link, never the requester's data. */
final class StaffMails {

    private StaffMails() {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance escalation(String ticketRef, String riskLevel, OffsetDateTime dueAt, String assignee, String caseLink);
    }

    static OutgoingMail escalation(String to, String ticketRef, String riskLevel, OffsetDateTime dueAt, String assignee, String caseLink) {
        return MailVariants.render(to, "Escalation: " + ticketRef + " is past its SLA warning point",
                Templates.escalation(ticketRef, riskLevel, dueAt, assignee, caseLink));
    }
}
