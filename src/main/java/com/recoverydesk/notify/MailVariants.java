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

    public static OutgoingMail render(String to, String subject, TemplateInstance template) {
        String text = template.setAttribute(TemplateInstance.SELECTED_VARIANT, Variant.forContentType(Variant.TEXT_PLAIN)).render();
        String html = template.setAttribute(TemplateInstance.SELECTED_VARIANT, Variant.forContentType(Variant.TEXT_HTML)).render();
        return new OutgoingMail(to, subject, text, html);
    }
}
