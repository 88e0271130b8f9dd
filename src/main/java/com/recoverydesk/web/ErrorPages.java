package com.recoverydesk.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;

/** Renders the readable error page that screens show instead of problem details. */
@ApplicationScoped
public class ErrorPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance error(int status, String title, String detail);
    }

    private final RequesterLanguage language;

    public ErrorPages(RequesterLanguage language) {
        this.language = language;
    }

    /** On a requester's page in another language than English, the title says the status in that language. */
    public String render(int status, String title, String detail) {
        return Templates.error(status, RequesterProblems.title(status, title, language.current()), detail).render();
    }

    /** The language of the page being answered. */
    public java.util.Locale locale() {
        return language.current();
    }
}
