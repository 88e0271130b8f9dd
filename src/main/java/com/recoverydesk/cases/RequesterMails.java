package com.recoverydesk.cases;

import com.recoverydesk.notify.MailVariants;
import com.recoverydesk.notify.OutgoingMail;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.MessageBundles;
import io.quarkus.qute.i18n.Localized;
import java.util.List;
import java.util.Locale;

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

    private static RequesterMessages words(Locale locale) {
        return MessageBundles.get(RequesterMessages.class, Localized.Literal.of(locale.toLanguageTag()));
    }

    static OutgoingMail evidenceRequested(String to, String ticketRef, List<RequirementLine> requirements, String caseLink, Locale locale) {
        return MailVariants.render(to, words(locale).evidenceSubject(ticketRef), Templates.evidenceRequested(ticketRef, requirements, caseLink), locale);
    }

    static OutgoingMail evidenceReminder(String to, String ticketRef, List<RequirementLine> missing, String caseLink, Locale locale) {
        return MailVariants.render(to, words(locale).reminderSubject(ticketRef), Templates.evidenceReminder(ticketRef, missing, caseLink), locale);
    }

    static OutgoingMail moreInfoRequested(String to, String ticketRef, String question, String caseLink, Locale locale) {
        return MailVariants.render(to, words(locale).moreInfoSubject(ticketRef), Templates.moreInfoRequested(ticketRef, question, caseLink), locale);
    }

    static OutgoingMail expired(String to, String ticketRef, String newRequestLink, Locale locale) {
        return MailVariants.render(to, words(locale).expiredSubject(ticketRef), Templates.expired(ticketRef, newRequestLink), locale);
    }

    static OutgoingMail cancelled(String to, String ticketRef, String reason, String newRequestLink, Locale locale) {
        return MailVariants.render(to, words(locale).expiredSubject(ticketRef), Templates.cancelled(ticketRef, reason, newRequestLink), locale);
    }

    static OutgoingMail rejected(String to, String ticketRef, String reason, Locale locale) {
        return MailVariants.render(to, words(locale).rejectionSubject(ticketRef), Templates.rejected(ticketRef, reason), locale);
    }
}
