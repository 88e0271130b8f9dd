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

    public String render(int status, String title, String detail) {
        return Templates.error(status, title, detail).render();
    }
}
