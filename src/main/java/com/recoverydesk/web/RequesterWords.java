package com.recoverydesk.web;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The words of the requester's pages (templates as {@code {req:key}}, Java as methods), in English;
 * the Japanese are in {@code messages/req_ja.properties}, with the same keys. Staff screens are English only.
 */
@MessageBundle(value = "req", locale = "en")
public interface RequesterWords {

    // ---- layout and the language switch ----
    @Message("en")
    String htmlLang();

    @Message("Skip to content")
    String skipLink();

    @Message("Recovery Desk: account recovery with four eyes and an audit trail.")
    String footer();

    /** The other language, in its own words: the switch shows it. */
    @Message("日本語")
    String switchLabel();

    @Message("ja")
    String switchLang();

    @Message("Language")
    String languageNav();

    // ---- intake ----
    @Message("Recover your account")
    String requestTitle();

    @Message("Lost your authenticator?")
    String requestHeading();

    @Message("If you lost the phone with your authenticator app and kept no backup, we can reset your two-factor authentication after checking that the account is yours.")
    String requestIntro();

    @Message("We will send a code to the address registered with your account. We never ask for your password.")
    String requestCodeNote();

    @Message("E-mail address of your account")
    String emailLabel();

    @Message("What happened?")
    String descriptionLabel();

    @Message("Send me a code")
    String sendCode();

    @Message("Check your mail")
    String codeTitle();

    @Message("If an account is registered under {email}, we have sent a 6-digit code and a link to it. They are good for {minutes} minutes.")
    String codeSent(String email, long minutes);

    @Message("This is the demo: no real mail is sent.")
    String demoMailboxNote();

    @Message("Open the demo mailbox to read the code.")
    String demoMailboxLink();

    @Message("Code from the mail")
    String codeLabel();

    @Message("Confirm")
    String confirm();

    @Message("No mail after a few minutes? Look in your spam folder, or")
    String noMail();

    @Message("start again")
    String startAgain();

    @Message(".")
    String sentenceEnd();

    @Message("Confirm your request")
    String confirmTitle();

    @Message("Confirm your recovery request")
    String confirmHeading();

    @Message("File a new request")
    String newRequest();

    @Message("Confirm that you asked us to reset the two-factor authentication of your account.")
    String confirmQuestion();

    @Message("Yes, it was me: continue")
    String confirmButton();

    @Message("If you did not ask for this, close this page: nothing changes.")
    String confirmIgnore();

    @Message("You are signed out of your case. To follow it again, ask for a new code: your case stays as it is.")
    String signedOutNotice();

    @Message("Your session for this case has ended. Ask for a new code to follow your case.")
    String sessionEndedNotice();

    @Message("Enter the e-mail address of your account.")
    String enterEmail();

    @Message("Tell us briefly what happened.")
    String tellWhatHappened();

    @Message("Please keep the description under 2000 characters.")
    String descriptionTooLong();

    @Message("Enter the 6-digit code from the mail.")
    String enterCode();

    // ---- the case page ----
    @Message("Your recovery case {ticketRef}")
    String caseTitle(String ticketRef);

    @Message("Recovery case")
    String caseLabel();

    @Message("This page updates itself every 30 seconds while the desk works on your case.")
    String selfRefresh();

    @Message("Your two-factor authentication was reset at {resetAt}.")
    String resetDoneAt(String resetAt);

    @Message("Withdrawals are locked until")
    String lockedUntilBefore();

    @Message(".")
    String lockedUntilAfter();

    @Message("Your new authenticator is set up.")
    String reEnrolled();

    @Message("Set up your new authenticator with the link we mailed you.")
    String reEnrolPending();

    @Message("The reset happens at")
    String resetAtBefore();

    @Message(", unless someone objects through the link mailed to the account's addresses.")
    String resetAtAfter();

    @Message("This case is closed. If you still cannot sign in to your account,")
    String caseClosed();

    @Message("start a new request")
    String startNewRequest();

    @Message("What we need from you")
    String needHeading();

    @Message("received")
    String received();

    @Message("still needed")
    String stillNeeded();

    @Message("Messages")
    String messagesHeading();

    @Message("Recovery Desk")
    String fromDesk();

    @Message("You")
    String fromYou();

    @Message("Upload a document")
    String uploadHeading();

    @Message("Photos (JPEG or PNG) or PDF scans, at most 10 MB each; videos as MP4. A new file of a kind replaces the one you sent before.")
    String uploadHint();

    @Message("What is it?")
    String kindQuestion();

    @Message("File")
    String fileLabel();

    @Message("Upload")
    String uploadButton();

    @Message("Your files")
    String filesHeading();

    @Message("{type}, {size}, sent {sent}")
    String fileLine(String type, String size, String sent);

    @Message("sent for review")
    String sentForReview();

    @Message("not sent for review yet")
    String notSentYet();

    @Message("Send my documents for review")
    String submitButton();

    @Message("Changed your mind?")
    String withdrawHeading();

    @Message("Withdrawing closes this request. Your account stays as it is.")
    String withdrawHint();

    @Message("Withdraw my request")
    String withdrawButton();

    @Message("On a shared device? Sign out when you are done: to come back, ask for a new code.")
    String signOutHint();

    @Message("Sign out")
    String signOut();

    @Message("Your file was uploaded and stored encrypted.")
    String noticeUploaded();

    @Message("Thank you. Your documents went to a support agent for review.")
    String noticeSubmitted();

    @Message("Your request is withdrawn. Nothing will change on your account.")
    String noticeWithdrawn();

    @Message("Choose a file to upload.")
    String chooseFile();

    // status badge and status in words
    @Message("Waiting for your documents")
    String statusAwaitingEvidence();

    @Message("Being checked")
    String statusInReview();

    @Message("Second approval")
    String statusAwaitingApproval();

    @Message("Reset announced")
    String statusCoolingOff();

    @Message("Reset done")
    String statusRecovered();

    @Message("Not approved")
    String statusRejected();

    @Message("Closed: time ran out")
    String statusExpired();

    @Message("On hold")
    String statusFrozen();

    @Message("Withdrawn")
    String statusWithdrawn();

    @Message("Closed by the desk")
    String statusCancelled();

    @Message("We need documents from you to prove it is you.")
    String wordsAwaitingEvidence();

    @Message("A support agent is checking your documents.")
    String wordsInReview();

    @Message("A supervisor is giving the second approval.")
    String wordsAwaitingApproval();

    @Message("The reset is announced and will happen after the waiting period.")
    String wordsCoolingOff();

    @Message("Your two-factor authentication was reset.")
    String wordsRecovered();

    @Message("We could not confirm that the account is yours.")
    String wordsRejected();

    @Message("The case closed because the documents did not arrive in time.")
    String wordsExpired();

    @Message("The case is on hold because someone objected to the reset.")
    String wordsFrozen();

    @Message("You withdrew the request.")
    String wordsWithdrawn();

    @Message("The support desk closed this case. Nothing changed on your account.")
    String wordsCancelled();

    @Message("The two-factor authentication of this account cannot be reset here. No documents are needed.")
    String wordsNotEligible();

    // evidence kinds, why they are asked for, file types
    @Message("ID document, front")
    String kindIdFront();

    @Message("ID document, back")
    String kindIdBack();

    @Message("Selfie with ID and handwritten note")
    String kindSelfie();

    @Message("Second document")
    String kindSecondDocument();

    @Message("Short video")
    String kindVideo();

    @Message(" or ")
    String kindsOr();

    @Message("The front of an official ID document shows who you are.")
    String whyIdFront();

    @Message("The back of the ID document completes it.")
    String whyIdBack();

    @Message("A selfie holding the ID and a handwritten note with your ticket reference and today's date shows it is you, today.")
    String whySelfie();

    @Message("Because the account holds a lot or shows risk signals, we also need a short video of you or a second document.")
    String whyVideoOrSecond();

    @Message("Photo (JPEG)")
    String typeJpeg();

    @Message("Image (PNG)")
    String typePng();

    @Message("PDF document")
    String typePdf();

    @Message("Video (MP4)")
    String typeMp4();

    @Message("File")
    String typeOther();

    @Message("{count} bytes")
    String sizeBytes(long count);

    /** A date and time in UTC, as a {@link java.time.format.DateTimeFormatter} pattern. */
    @Message("d MMMM yyyy, HH:mm 'UTC'")
    String dateTimePattern();

    // ---- the objection page ----
    @Message("Request")
    String requestLabel();

    @Message("Stop the reset?")
    String objectionTitle();

    @Message("Stop the reset of your two-factor authentication?")
    String objectionHeading();

    @Message("A recovery request {ticketRef} for this account was reviewed and approved. At {resetAt} we will:")
    String objectionIntro(String ticketRef, String resetAt);

    @Message("remove the account's authenticators and backup codes,")
    String objectionStepAuthenticators();

    @Message("sign out every session,")
    String objectionStepSessions();

    @Message("lock withdrawals for a while, and")
    String objectionStepWithdrawals();

    @Message("send a link to set up a new authenticator to the account's address.")
    String objectionStepLink();

    @Message("If you did not ask for this, press the button. The reset will then not happen, and a supervisor looks into the case. If it was you, close this page: nothing changes by opening it.")
    String objectionExplain();

    @Message("This was not me: stop the reset")
    String objectionButton();

    @Message("The reset is stopped")
    String objectionStopped();

    @Message("Thank you. Nothing on your account was changed.")
    String objectionThanks();

    @Message("This link was already used")
    String linkUsed();

    @Message("The objection to the reset of {ticketRef} stands: the two-factor authentication will not be reset. The case is frozen and a supervisor will look into it. There is nothing more you need to do.")
    String objectionStands(String ticketRef);

    @Message("The reset already happened")
    String resetHappenedHeading();

    @Message("The two-factor authentication of the account was reset at {resetAt} (request {ticketRef}); this link can no longer stop it. If you did not ask for it:")
    String resetHappened(String resetAt, String ticketRef);

    @Message("contact the support desk at once and quote {ticketRef};")
    String resetHappenedContact(String ticketRef);

    @Message("withdrawals are locked for now, so no funds can leave the account while the desk looks into it;")
    String resetHappenedLocked();

    @Message("do not follow any link that asks you to set up an authenticator, and change your password.")
    String resetHappenedNoLinks();

    @Message("This link has expired")
    String linkExpired();

    @Message("The time to object to the reset of {ticketRef} ended at {resetAt}. If you did not ask for the reset, contact the support desk at once and quote the reference.")
    String objectionTooLate(String ticketRef, String resetAt);

    @Message("Nothing will be reset")
    String nothingResetHeading();

    @Message("The request {ticketRef} closed without a reset. The account is unchanged.")
    String nothingReset(String ticketRef);

    @Message("This link does not work")
    String linkBroken();

    @Message("It may be incomplete: open it again from the mail, or copy the whole address. Nothing was changed.")
    String linkBrokenHint();

    // ---- re-enrolment ----
    @Message("Set up your new authenticator")
    String enrolTitle();

    @Message("Request {ticketRef} · this link works once, until {expiresAt}.")
    String enrolLinkNote(String ticketRef, String expiresAt);

    @Message("Open your authenticator app (Google Authenticator, Microsoft Authenticator, Authy, 1Password…) and add an account.")
    String enrolStepApp();

    @Message("Scan this code:")
    String enrolStepScan();

    @Message("QR code of your new authenticator secret")
    String enrolQrAlt();

    @Message("Or type the key by hand:")
    String enrolStepKey();

    @Message("(time-based, 6 digits, every 30 seconds)")
    String enrolKeyKind();

    @Message("Type the 6-digit code the app now shows for {account}:")
    String enrolStepCode(String account);

    @Message("Code from the app")
    String appCodeLabel();

    @Message("Confirm my new authenticator")
    String enrolButton();

    @Message("Your new authenticator is set up (request {ticketRef}). Sign in with it; nothing was changed now. If you did not set it up yourself, contact the support desk at once.")
    String enrolUsed(String ticketRef);

    @Message("The link for request {ticketRef} is no longer valid, and nothing was changed. Contact the support desk and quote the reference: they can send you a new one.")
    String enrolExpired(String ticketRef);

    @Message("Your new authenticator is set up")
    String enrolledTitle();

    @Message("Request {ticketRef} is complete: sign in with your password and a code from the app. Withdrawals stay locked until {lockedUntil}.")
    String enrolledDone(String ticketRef, String lockedUntil);

    @Message("Your backup codes")
    String backupHeading();

    @Message("Each code signs you in once if you lose the app again.")
    String backupExplain();

    @Message("We show them only now.")
    String backupOnce();

    @Message("Print them or write them down, and keep them offline, away from your phone.")
    String backupKeep();

    @Message("So that this never happens again")
    String neverAgainHeading();

    @Message("Turn on your authenticator app's own backup: the cloud backup or export of Google Authenticator, Microsoft Authenticator or Authy, or an encrypted export kept somewhere safe. Then a lost phone costs you a new phone, not your account.")
    String neverAgain();

    // ---- demo sign-in ----
    @Message("Sign in (demo)")
    String demoTitle();

    @Message("Signed in")
    String demoSignedIn();

    @Message("Welcome back, {email}.")
    String demoWelcome(String email);

    @Message("Withdrawals locked until {lockedUntil}.")
    String demoLocked(String lockedUntil);

    @Message("Sign in to your account")
    String demoHeading();

    @Message("Demonstration: this stands in for the online service's own login, so that you can watch the lost authenticator fail and the new one work. Demo customers have the password customer-demo.")
    String demoExplain();

    @Message("Email")
    String demoEmail();

    @Message("Password")
    String demoPassword();

    @Message("Code from your authenticator app")
    String demoCode();

    @Message("Sign in")
    String demoSignIn();

    // ---- start page ----
    @Message("Start")
    String homeTitle();

    @Message("If you lost the phone with your authenticator app and cannot sign in to your account, you can ask us to reset your two-factor authentication. We will check that it is really you first.")
    String homeIntro();

    @Message("Start a recovery request")
    String homeStart();

    @Message("Support staff")
    String homeStaff();

    @Message("Agents, supervisors, compliance officers, managers and administrators sign in here.")
    String homeStaffIntro();

    @Message("Staff sign-in")
    String homeStaffSignIn();

    // ---- error pages ----
    @Message("Status {status}")
    String errorStatus(int status);

    @Message("Back to the start page")
    String errorBack();

    @Message("The request could not be used")
    String errorTitle400();

    @Message("Not signed in")
    String errorTitle401();

    @Message("Not allowed")
    String errorTitle403();

    @Message("Not found")
    String errorTitle404();

    @Message("No longer available")
    String errorTitle410();

    @Message("The file is too large")
    String errorTitle413();

    @Message("Too many attempts")
    String errorTitle429();

    @Message("Something went wrong")
    String errorTitle500();

    @Message("There is nothing here.")
    String errorNothingHere();

    @Message("Files can be at most {megabytes} MB. Go back, choose a smaller file (a photo at a lower resolution, or a scan as PDF) and upload it again.")
    String fileTooLargePage(long megabytes);

    @Message("Back")
    String back();

    // ---- the desk's messages on the case page, written in the case's language ----
    @Message("Please upload the documents listed below, then submit them for review.")
    String deskUploadPlease();

    @Message("We could not approve your request: {reason}")
    String deskNotApproved(String reason);

    @Message("We closed this case: {reason}")
    String deskClosed(String reason);

    @Message("The two-factor authentication of this account cannot be reset through the Recovery Desk, so we need no documents from you and nothing was changed. If you have questions about your account, contact customer support.")
    String deskNotEligible();

    @Message("Your request was approved. We will reset your two-factor authentication at {resetAt}, unless someone objects through the link we mailed to the account's addresses.")
    String deskResetAnnounced(String resetAt);

    @Message("Your two-factor authentication was reset. We mailed you a link to set up your new authenticator. Withdrawals are locked until {lockedUntil}.")
    String deskResetDone(String lockedUntil);

    @Message("Your two-factor authentication was reset. The next time you sign in to the service, it asks you to set up your new authenticator. Withdrawals are locked until {lockedUntil}.")
    String deskResetDoneAtSignIn(String lockedUntil);

    // why a request was not approved (the review's reason codes)
    @Message("the photos of your document could not be read.")
    String reasonIllegible();

    @Message("the document does not match the details we hold for the account.")
    String reasonDocumentMismatch();

    @Message("the selfie did not let us confirm that you are the person on the document.")
    String reasonSelfieMismatch();

    @Message("the handwritten note with your ticket reference and the date was missing or unreadable.")
    String reasonNoteMissing();

    @Message("the documents did not let us confirm that the account is yours.")
    String reasonNotConfirmed();

    @Message("the second check of your documents did not let us confirm that the account is yours.")
    String reasonSecondCheck();

    @Message("the account is closed, and the two-factor authentication of a closed account is not reset.")
    String reasonAccountClosed();

    @Message("Someone objected to the reset through the link mailed to the account's addresses. Nothing was changed on the account. A supervisor will look into the case.")
    String deskObjected();

    // ---- refusals the requester may meet (ProblemException codes) ----
    @Message("Too many recovery requests. Please wait before trying again.")
    String problemTooManyRequests();

    @Message("Too many attempts. Please wait before trying again.")
    String problemTooManyAttempts();

    @Message("This code is not valid. Check the code in the newest mail, or file a new request.")
    String problemWrongCode();

    @Message("This link is not valid any more. File a new request to get a new one.")
    String problemLinkInvalid();

    @Message("Your case was opened a moment ago. Confirm once more to follow it.")
    String problemOpenedMomentAgo();

    @Message("You uploaded many files in a short time. Please wait a while before the next one.")
    String problemUploadThrottled();

    @Message("This case can no longer be withdrawn.")
    String problemNotWithdrawable();

    @Message("Your account was reset: this case link now only shows the case.")
    String problemReadOnly();

    @Message("This case link is no longer valid. Request a new code to follow your case.")
    String problemTokenInvalid();

    @Message("This case already holds the most files it can; submit them or ask the desk.")
    String problemTooManyFiles();

    @Message("We are still preparing your case. Please try again in a minute.")
    String problemStillPreparing();

    @Message("Some documents are still missing: the list above shows which.")
    String problemStillMissing();

    @Message("Upload at least one new file before you submit again.")
    String problemNothingNew();

    @Message("These documents were already submitted.")
    String problemAlreadySubmitted();

    @Message("Your case is not waiting for documents at the moment.")
    String problemNotAwaiting();

    @Message("We could not accept this file. Check that it is a readable photo (JPEG or PNG), a PDF or an MP4 video, and upload it again.")
    String problemFileRefused();

    @Message("That code does not match. Type the 6 digits your app shows now for this account.")
    String problemEnrolCode();

    @Message("This link was already used: your new authenticator is set up.")
    String problemEnrolUsed();

    @Message("This link is no longer valid.")
    String problemEnrolExpired();

    @Message("This link was replaced by a newer one. Open the newest link we mailed you.")
    String problemEnrolReplaced();

    @Message("Give email, password and the code of your authenticator app.")
    String problemDemoMissing();

    @Message("The sign-in did not work: check the email, the password and the code of your authenticator app.")
    String problemDemoRefused();

    @Message("This account is closed.")
    String problemDemoClosed();

    @Message("This account has no authenticator: set up the new one with the link we mailed you, then sign in.")
    String problemDemoNoAuthenticator();

    @Message("Many uploads are being checked right now. Please try again in a minute.")
    String problemBusy();

    // refusals that come from the service's common answers rather than from one step
    @Message("Some fields are missing or invalid.")
    String problemInvalidFields();

    @Message("Some fields have a value of the wrong type.")
    String problemWrongType();

    @Message("The upload was cut off or damaged on the way. Send the file again.")
    String problemUploadCutOff();

    @Message("Something went wrong on our side. Quote error id {errorId} to the support team.")
    String problemInternal(String errorId);

    @Message("This form has expired")
    String problemFormExpiredTitle();

    @Message("For your security, the form was not accepted. Go back, reload the page and send it again.")
    String problemFormExpired();

    @Message("This content type is not accepted here.")
    String problemUnsupportedType();

    @Message("Send the upload with its length: this service does not take an upload of unknown length over HTTP/2.")
    String problemLengthRequired();

    @Message("This request could not be handled.")
    String problemNotHandled();

    @Message("This file is no longer available.")
    String problemFileGone();

    @Message("This case has no such file.")
    String problemNoSuchFile();

    @Message("There is no such case.")
    String problemNoSuchCase();
}
