package com.recoverydesk.cases;

import com.recoverydesk.notify.MailVariants;
import com.recoverydesk.notify.OutgoingMail;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.MessageBundles;
import java.util.List;

/** The mails of a case to the requester's registered address, rendered from Qute templates. */
final class RequesterMails {

    private RequesterMails() {
    }

    public record RequirementLine(String kinds, String why) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance evidenceRequested(String ticketRef, List<RequirementLine> requirements, String caseLink);

        static native TemplateInstance evidenceReminder(String ticketRef, List<RequirementLine> missing, String caseLink);

        static native TemplateInstance moreInfoRequested(String ticketRef, String question, String caseLink);

        static native TemplateInstance rejected(String ticketRef, String reason);

        static native TemplateInstance expired(String ticketRef, String newRequestLink);

        static native TemplateInstance cancelled(String ticketRef, String reason, String newRequestLink);
    }

    private static RequesterMessages words() {
        return MessageBundles.get(RequesterMessages.class);
    }

    static OutgoingMail evidenceRequested(String to, String ticketRef, List<RequirementLine> requirements, String caseLink) {
        return MailVariants.render(to, words().evidenceSubject(ticketRef), Templates.evidenceRequested(ticketRef, requirements, caseLink));
    }

    static OutgoingMail evidenceReminder(String to, String ticketRef, List<RequirementLine> missing, String caseLink) {
        return MailVariants.render(to, words().reminderSubject(ticketRef), Templates.evidenceReminder(ticketRef, missing, caseLink));
    }

    static OutgoingMail moreInfoRequested(String to, String ticketRef, String question, String caseLink) {
        return MailVariants.render(to, words().moreInfoSubject(ticketRef), Templates.moreInfoRequested(ticketRef, question, caseLink));
    }

    static OutgoingMail expired(String to, String ticketRef, String newRequestLink) {
        return MailVariants.render(to, words().expiredSubject(ticketRef), Templates.expired(ticketRef, newRequestLink));
    }

    static OutgoingMail cancelled(String to, String ticketRef, String reason, String newRequestLink) {
        return MailVariants.render(to, words().expiredSubject(ticketRef), Templates.cancelled(ticketRef, reason, newRequestLink));
    }

    static OutgoingMail rejected(String to, String ticketRef, String reason) {
        return MailVariants.render(to, words().rejectionSubject(ticketRef), Templates.rejected(ticketRef, reason));
    }
}
