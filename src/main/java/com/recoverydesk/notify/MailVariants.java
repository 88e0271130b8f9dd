package com.recoverydesk.notify;

import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.Variant;

/**
 * Renders a mail template that exists as {@code name.txt} and {@code name.html} into an
 * {@link OutgoingMail}: both variants of the same template, chosen by content type.
 */
public final class MailVariants {

    private MailVariants() {
    }

    /** Renders in the given language (the requester's), whatever the request being served is in. */
    public static OutgoingMail render(String to, String subject, TemplateInstance template, java.util.Locale locale) {
        return render(to, subject, template.setLocale(locale));
    }

    public static OutgoingMail render(String to, String subject, TemplateInstance template) {
        String text = template.setAttribute(TemplateInstance.SELECTED_VARIANT, Variant.forContentType(Variant.TEXT_PLAIN)).render();
        String html = template.setAttribute(TemplateInstance.SELECTED_VARIANT, Variant.forContentType(Variant.TEXT_HTML)).render();
        return new OutgoingMail(to, subject, text, html);
    }
}
