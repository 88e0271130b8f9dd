package com.recoverydesk.reset;

import com.recoverydesk.notify.MailVariants;
import com.recoverydesk.notify.OutgoingMail;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;
import io.quarkus.qute.i18n.MessageBundles;
import io.quarkus.qute.i18n.Localized;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The mails of the reset, rendered from Qute templates (text and HTML). */
final class ResetMails {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'");

    private ResetMails() {
    }

    /**
     * The words of the reset mails, in English; the Japanese are in {@code messages/reset_ja.properties}.
     * The objection alert goes to staff and stays English.
     */
    @MessageBundle(value = "reset", locale = "en")
    public interface Words {
        @Message("Your account's 2FA will be reset at {resetAt} (request {ticketRef})")
        String announcementSubject(String ticketRef, String resetAt);

        @Message("Objection to the reset of {ticketRef}: case frozen")
        String objectionAlertSubject(String ticketRef);

        @Message("Your 2FA was reset: set up your new authenticator ({ticketRef})")
        String resetCompleteSubject(String ticketRef);

        @Message("Your account's 2FA was reset ({ticketRef})")
        String resetNoticeSubject(String ticketRef);

        @Message("a recovery request {ticketRef} for your account was reviewed and approved. We will reset the account's two-factor authentication at")
        String announcementIntro(String ticketRef);

        @Message("Then the authenticators and backup codes of the account are removed, every signed-in session is ended, and withdrawals are locked for a while.")
        String announcementWhat();

        @Message("This was not you?")
        String notYouHeading();

        @Message("Open the link below before that time and confirm with the button. The reset then does not happen and the case goes to a supervisor:")
        String notYouAction();

        @Message("If it was you, do nothing: we will send the link to set up your new authenticator at that time.")
        String ifYou();

        @Message("the two-factor authentication of your account was reset for recovery request {ticketRef}. Your old authenticator and backup codes no longer work, and every session was signed out.")
        String resetDoneIntro(String ticketRef);

        @Message("Set up your new authenticator here (the link works once, until {linkExpiresAt}):")
        String enrolHere(String linkExpiresAt);

        @Message("The next time you sign in to the service, its own sign-in asks you to set up your new authenticator.")
        String enrolAtSignIn();

        @Message("Withdrawals stay locked until")
        String lockedUntil();

        @Message("This is so that nobody can move funds out in the first hours. Nobody at the desk can lift this lock early.")
        String lockWhy();

        @Message("the two-factor authentication of your account was reset for recovery request {ticketRef}, as we announced. The link to set up the new authenticator went to the account's main address only.")
        String noticeIntro(String ticketRef);

        @Message("If you did not ask for this, contact the support desk at once and quote {ticketRef}.")
        String noticeContact(String ticketRef);
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

    private static Words words(Locale locale) {
        return MessageBundles.get(Words.class, Localized.Literal.of(locale.toLanguageTag()));
    }

    static OutgoingMail announcement(String to, String ticketRef, OffsetDateTime resetAt, String objectionLink, Locale locale) {
        return MailVariants.render(to, words(locale).announcementSubject(ticketRef, when(resetAt)),
                Templates.announcement(ticketRef, when(resetAt), objectionLink), locale);
    }

    /** To staff: English. */
    static OutgoingMail objectionAlert(String to, String ticketRef, String frozenCasesLink) {
        return MailVariants.render(to, words(Locale.ENGLISH).objectionAlertSubject(ticketRef), Templates.objectionAlert(ticketRef, frozenCasesLink),
                Locale.ENGLISH);
    }

    static OutgoingMail resetComplete(String to, String ticketRef, String enrolmentLink, OffsetDateTime linkExpiresAt, OffsetDateTime lockedUntil,
                                      Locale locale) {
        return MailVariants.render(to, words(locale).resetCompleteSubject(ticketRef),
                Templates.resetComplete(ticketRef, enrolmentLink, when(linkExpiresAt), when(lockedUntil)), locale);
    }

    static OutgoingMail resetNotice(String to, String ticketRef, OffsetDateTime lockedUntil, Locale locale) {
        return MailVariants.render(to, words(locale).resetNoticeSubject(ticketRef), Templates.resetNotice(ticketRef, when(lockedUntil)), locale);
    }
}
