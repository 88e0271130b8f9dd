package com.recoverydesk.reset;

import com.recoverydesk.notify.MailVariants;
import com.recoverydesk.notify.OutgoingMail;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;
import io.quarkus.qute.i18n.MessageBundles;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The mails of the reset, rendered from Qute templates (text and HTML). */
final class ResetMails {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'");

    private ResetMails() {
    }

    /** The words of the reset mails, in English; another language is a {@code messages/reset_xx.properties}. */
    @MessageBundle("reset")
    interface Words {
        @Message("Your account's 2FA will be reset at {resetAt} (request {ticketRef})")
        String announcementSubject(String ticketRef, String resetAt);

        @Message("Objection to the reset of {ticketRef}: case frozen")
        String objectionAlertSubject(String ticketRef);

        @Message("Your 2FA was reset: set up your new authenticator ({ticketRef})")
        String resetCompleteSubject(String ticketRef);

        @Message("Your account's 2FA was reset ({ticketRef})")
        String resetNoticeSubject(String ticketRef);
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance announcement(String ticketRef, String resetAt, String objectionLink);

        static native TemplateInstance objectionAlert(String ticketRef, String frozenCasesLink);

        static native TemplateInstance resetComplete(String ticketRef, String enrolmentLink, String linkExpiresAt, String withdrawalsLockedUntil);

        static native TemplateInstance resetNotice(String ticketRef, String withdrawalsLockedUntil);
    }

    /** Times as the customer reads them, always in UTC so that the mail and the page agree. */
    static String when(OffsetDateTime time) {
        return WHEN.format(time.withOffsetSameInstant(ZoneOffset.UTC));
    }

    private static Words words() {
        return MessageBundles.get(Words.class);
    }

    static OutgoingMail announcement(String to, String ticketRef, OffsetDateTime resetAt, String objectionLink) {
        return MailVariants.render(to, words().announcementSubject(ticketRef, when(resetAt)),
                Templates.announcement(ticketRef, when(resetAt), objectionLink));
    }

    static OutgoingMail objectionAlert(String to, String ticketRef, String frozenCasesLink) {
        return MailVariants.render(to, words().objectionAlertSubject(ticketRef), Templates.objectionAlert(ticketRef, frozenCasesLink));
    }

    static OutgoingMail resetComplete(String to, String ticketRef, String enrolmentLink, OffsetDateTime linkExpiresAt, OffsetDateTime lockedUntil) {
        return MailVariants.render(to, words().resetCompleteSubject(ticketRef),
                Templates.resetComplete(ticketRef, enrolmentLink, when(linkExpiresAt), when(lockedUntil)));
    }

    static OutgoingMail resetNotice(String to, String ticketRef, OffsetDateTime lockedUntil) {
        return MailVariants.render(to, words().resetNoticeSubject(ticketRef), Templates.resetNotice(ticketRef, when(lockedUntil)));
    }
}
