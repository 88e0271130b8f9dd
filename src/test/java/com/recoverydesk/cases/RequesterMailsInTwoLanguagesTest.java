package com.recoverydesk.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.recoverydesk.notify.OutgoingMail;
import com.recoverydesk.support.Languages;
import com.recoverydesk.web.RequesterLanguage;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The case's mails that the journey tests do not wait for (a reminder after days, a question, a
 * rejection, the expiry, the desk's cancellation), rendered in both languages, text and HTML.
 */
@QuarkusTest
class RequesterMailsInTwoLanguagesTest {

    private static final String TO = "someone@example.org";
    private static final String REF = "RCV-TEST-LANG";

    @ParameterizedTest
    @ValueSource(strings = {"en", "ja"})
    void shouldWriteEveryCaseMailInTheLanguageTheRequestWasFiledIn(String language) {
        Locale locale = RequesterLanguage.ofStored(language);
        List<RequesterMails.RequirementLine> lines = EvidenceRequirements.forRiskLevel("HIGH").stream()
                .map(r -> new RequesterMails.RequirementLine(r.label(locale), r.why(locale))).toList();
        String reason = CaseProgress.rejectionReason("SELFIE_MISMATCH", "the selfie did not match.", RequesterLanguage.words(locale));
        List<OutgoingMail> mails = List.of(
                RequesterMails.evidenceRequested(TO, REF, lines, "https://desk.example/recover/case", locale),
                RequesterMails.evidenceReminder(TO, REF, lines, "https://desk.example/recover/case", locale),
                RequesterMails.moreInfoRequested(TO, REF, language.equals("ja") ? "身分証明書の裏面もお送りください。" : "Please send the back too.",
                        "https://desk.example/recover/case", locale),
                RequesterMails.rejected(TO, REF, reason, locale),
                RequesterMails.expired(TO, REF, "https://desk.example/recover", locale),
                RequesterMails.cancelled(TO, REF, language.equals("ja") ? "手続きを続けられなくなりました。" : "The process could not go on.",
                        "https://desk.example/recover", locale));
        for (OutgoingMail mail : mails) {
            assertTrue(mail.subject().contains(REF), mail.subject());
            Languages.assertReadsIn(language, "subject " + mail.subject(), mail.subject());
            Languages.assertReadsIn(language, "text of " + mail.subject(), mail.text());
            Languages.assertReadsIn(language, "HTML of " + mail.subject(), mail.html());
            assertTrue(mail.html().startsWith("<!DOCTYPE html>\n<html lang=\"" + language + "\">"), mail.html());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "ja"})
    void shouldSayEveryRejectionReasonInTheRequestersLanguage(String language) {
        Locale locale = RequesterLanguage.ofStored(language);
        for (String code : List.of("DOCUMENT_ILLEGIBLE", "DOCUMENT_MISMATCH", "SELFIE_MISMATCH", "NOTE_MISSING", "SIGNS_OF_EDITING",
                "SUSPECTED_FRAUD", "SECOND_APPROVAL_DENIED", "ACCOUNT_CLOSED")) {
            Languages.assertReadsIn(language, code, CaseProgress.rejectionReason(code, "english text", RequesterLanguage.words(locale)));
        }
        assertEquals("kept as given", CaseProgress.rejectionReason("SOMETHING_NEW", "kept as given", RequesterLanguage.words(locale)));
    }
}
