package com.recoverydesk.intake;

import com.recoverydesk.cases.RequesterMessages;
import com.recoverydesk.notify.MailVariants;
import io.quarkus.qute.i18n.MessageBundles;
import com.recoverydesk.notify.OutgoingMail;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import java.time.Duration;
import java.util.Locale;

/** The mails of intake, rendered from Qute templates (text and HTML variants). */
final class IntakeMails {

    private IntakeMails() {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance accessCode(String name, String code, String link, long minutes);
    }

    static OutgoingMail accessCode(String to, String name, String code, String link, Duration lifetime, Locale locale) {
        return MailVariants.render(to, MessageBundles.get(RequesterMessages.class, Localized.Literal.of(locale.toLanguageTag())).accessCodeSubject(code),
                Templates.accessCode(name, code, link, lifetime.toMinutes()), locale);
    }
}
