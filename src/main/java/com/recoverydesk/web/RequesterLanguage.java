package com.recoverydesk.web;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.qute.EngineBuilder;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Named;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The language of the requester's pages: English or Japanese, from the switch on the page
 * ({@code ?lang=}, then remembered in the cookie {@value #COOKIE}), else from {@code Accept-Language}.
 * Staff screens stay English. Every Qute template rendered while a request is served gets the
 * locale of that request; mails set their own (the language the requester filed in).
 */
@ApplicationScoped
@Named("requesterLanguage")
public class RequesterLanguage {

    public static final String COOKIE = "rd_lang";
    public static final Locale ENGLISH = Locale.ENGLISH;
    public static final Locale JAPANESE = Locale.JAPANESE;
    public static final List<Locale> SUPPORTED = List.of(ENGLISH, JAPANESE);
    private static final int COOKIE_MAX_AGE = 365 * 24 * 3600;

    /** The supported language a tag names ("ja", "ja-JP", "en-GB"), if any. */
    public static Optional<Locale> supported(String tag) {
        if (tag == null || tag.isBlank() || tag.length() > 35) {
            return Optional.empty();
        }
        String language = Locale.forLanguageTag(tag.trim()).getLanguage();
        return SUPPORTED.stream().filter(l -> l.getLanguage().equals(language)).findFirst();
    }

    /** The stored form of a language ("en", "ja"); anything unknown is English. */
    public static Locale ofStored(String stored) {
        return supported(stored).orElse(ENGLISH);
    }

    /** The pages the requester sees without a staff login, and the error pages on them. */
    public static boolean isRequesterPath(String path) {
        return path != null && (path.equals("/") || path.equals("/recover") || path.startsWith("/recover/")
                || path.startsWith("/objection/") || path.startsWith("/enrol/") || path.equals("/demo/sign-in"));
    }

    /** The language of this request's pages. */
    public static Locale of(HttpServerRequest request) {
        if (request == null || !isRequesterPath(path(request))) {
            return ENGLISH;
        }
        return supported(request.getParam("lang"))
                .or(() -> Optional.ofNullable(request.getCookie(COOKIE)).flatMap(c -> supported(c.getValue())))
                .or(() -> fromAcceptLanguage(request.getHeader("Accept-Language")))
                .orElse(ENGLISH);
    }

    /** The supported language the browser prefers most (RFC 9110 quality values), if it names one. */
    public static Optional<Locale> fromAcceptLanguage(String header) {
        if (header == null || header.isBlank() || header.length() > 1000) {
            return Optional.empty();
        }
        Locale best = null;
        double bestQuality = 0;
        for (String part : header.split(",")) {
            String[] pieces = part.trim().split(";");
            double quality = 1;
            for (int i = 1; i < pieces.length; i++) {
                String parameter = pieces[i].trim();
                if (parameter.startsWith("q=")) {
                    try {
                        quality = Double.parseDouble(parameter.substring(2));
                    } catch (NumberFormatException e) {
                        quality = 0;
                    }
                }
            }
            Optional<Locale> language = supported(pieces[0]);
            if (language.isPresent() && quality > bestQuality) {
                best = language.get();
                bestQuality = quality;
            }
        }
        return Optional.ofNullable(best);
    }

    private static String path(HttpServerRequest request) {
        String path = request.path();
        return path == null ? "" : path;
    }

    private static Optional<HttpServerRequest> currentRequest() {
        ManagedContext context = Arc.container().requestContext();
        if (!context.isActive()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(Arc.container().instance(CurrentVertxRequest.class).get().getCurrent()).map(RoutingContext::request);
        } catch (RuntimeException noHttpRequest) {
            // a request context without an HTTP request (a worker, a scheduled job): no page language
            return Optional.empty();
        }
    }

    /** The language of the page being rendered now (English outside an HTTP request). */
    public Locale current() {
        return currentRequest().map(RequesterLanguage::of).orElse(ENGLISH);
    }

    /** The tag stored with a request or case, so that its mails go in the language it was filed in. */
    public String currentTag() {
        return current().getLanguage();
    }

    public boolean japanese() {
        return current().getLanguage().equals("ja");
    }

    /** Shown in the layout of the requester's pages only. */
    public boolean switchShown() {
        return currentRequest().map(r -> isRequesterPath(path(r))).orElse(false);
    }

    /**
     * The address of this page in the other language: a GET page is shown again, the answer to a
     * form (a code page after filing, a refused upload) takes the requester back to where the form is.
     */
    public String switchHref() {
        String other = japanese() ? "en" : "ja";
        String path = currentRequest().map(r -> {
            String p = path(r);
            if ("GET".equals(r.method().name())) {
                return p;
            }
            return p.startsWith("/recover/case") ? "/recover/case" : p.startsWith("/recover/confirm/") || p.startsWith("/objection/")
                    || p.startsWith("/enrol/") || p.equals("/demo/sign-in") ? p : "/recover";
        }).orElse("/recover");
        return path + "?lang=" + other;
    }

    /** The requester's words in the language of the page being rendered. */
    public RequesterWords words() {
        return words(current());
    }

    public static RequesterWords words(Locale locale) {
        return MessageBundles.get(RequesterWords.class, Localized.Literal.of(locale.toLanguageTag()));
    }

    /** Every template rendered for a request gets that request's language; a mail overrides it with its own. */
    void localizeTemplates(@Observes EngineBuilder builder) {
        builder.addTemplateInstanceInitializer((TemplateInstance instance) ->
                currentRequest().ifPresent(request -> instance.setLocale(of(request))));
    }

    /**
     * The switch's choice is remembered in a cookie (no personal data; it only picks the words), and
     * every requester page says which language it is in and that it varies with the cookie and
     * Accept-Language, so that no cache serves one language for the other.
     */
    void rememberChoice(@Observes Filters filters) {
        filters.register(rc -> {
            HttpServerRequest request = rc.request();
            if (isRequesterPath(rc.normalizedPath())) {
                Locale language = of(request);
                if (supported(request.getParam("lang")).isPresent()) {
                    rc.response().addCookie(Cookie.cookie(COOKIE, language.getLanguage()).setPath("/").setHttpOnly(true)
                            .setSecure(true).setSameSite(CookieSameSite.LAX).setMaxAge(COOKIE_MAX_AGE));
                }
                rc.addHeadersEndHandler(v -> {
                    String type = rc.response().headers().get("Content-Type");
                    if (type != null && type.startsWith("text/html")) {
                        rc.response().headers().set("Content-Language", language.getLanguage());
                        rc.response().headers().add("Vary", "Accept-Language, Cookie");
                    }
                });
            }
            rc.next();
        }, 95);
    }
}
