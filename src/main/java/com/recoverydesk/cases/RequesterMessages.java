package com.recoverydesk.cases;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The words of the mails to the requester, in English; the Japanese are in
 * {@code messages/mail_ja.properties}, with the same keys (Qute message bundles). A mail goes in
 * the language the requester filed in.
 */
@MessageBundle(value = "mail", locale = "en")
public interface RequesterMessages {

    @Message("en")
    String htmlLang();

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

    // the access code
    @Message("Hello {name},")
    String accessCodeGreeting(String name);

    @Message("someone asked us to reset the two-factor authentication of your account because the authenticator app was lost. If that was you, confirm the request with this code:")
    String accessCodeIntro();

    @Message("or open this link:")
    String accessCodeLink();

    @Message("The code and the link are good for {minutes} minutes and can be used once.")
    String accessCodeLifetime(long minutes);

    @Message("If you did not ask for this, ignore this mail: nothing changes without the code, and we never ask for your password.")
    String accessCodeIgnore();

    // the case's mails
    @Message("the support desk closed your recovery request {ticketRef}:")
    String cancelledIntro(String ticketRef);

    @Message("Nothing changed on your account. If you still cannot sign in, you can start again at any time:")
    String startAgainAnyTime();

    @Message("we are still waiting for documents for your recovery request {ticketRef}. Still missing:")
    String reminderIntro(String ticketRef);

    @Message("Without them the request closes after the waiting period and you would have to start again.")
    String reminderConsequence();

    @Message("to reset the two-factor authentication of your account (request {ticketRef}), we need to be sure the account is yours. Please upload:")
    String evidenceIntro(String ticketRef);

    @Message("your recovery request {ticketRef} has closed: the documents we asked for did not arrive in time. Nothing changed on your account.")
    String expiredIntro(String ticketRef);

    @Message("If you still cannot sign in, you can start again at any time:")
    String expiredStartAgain();

    @Message("the support agent who reviews your recovery request {ticketRef} needs more from you:")
    String moreInfoIntro(String ticketRef);

    @Message("we could not approve your recovery request {ticketRef}: {reason}")
    String rejectedIntro(String ticketRef, String reason);

    @Message("Your account is unchanged. If you still cannot sign in, you may file a new request with clearer documents.")
    String rejectedNext();

    @Message("{kinds}: {why}")
    String requirementLine(String kinds, String why);
}
