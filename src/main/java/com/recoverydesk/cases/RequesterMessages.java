package com.recoverydesk.cases;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The words of the mails to the requester, in English; another language is a
 * {@code messages/mail_xx.properties} file with the same keys (Qute message bundles).
 */
@MessageBundle("mail")
public interface RequesterMessages {

    @Message("Hello,")
    String greeting();

    @Message("Recovery Desk")
    String signature();

    @Message("Your recovery request {ticketRef}: please send us your documents")
    String evidenceSubject(String ticketRef);

    @Message("Reminder: we still need your documents for {ticketRef}")
    String reminderSubject(String ticketRef);

    @Message("Your recovery request {ticketRef}: we need more information")
    String moreInfoSubject(String ticketRef);

    @Message("Your recovery request {ticketRef} was not approved")
    String rejectionSubject(String ticketRef);

    @Message("Your recovery request {ticketRef} has closed")
    String expiredSubject(String ticketRef);

    @Message("Your Recovery Desk code: {code}")
    String accessCodeSubject(String code);

    @Message("Follow your case and upload the documents here:")
    String followCase();

    @Message("We never ask for your password, and nobody from the desk will call you to ask for a code.")
    String neverPassword();
}
