package com.recoverydesk.support;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The routes the application actually serves: every resource method of every JAX-RS class in the
 * main code, found on the compiled classes, as HTTP method and path template.
 */
public final class ApplicationRoutes {

    /** A route, e.g. {@code POST /api/v1/review/tasks/{taskId}/claim}. */
    public record Route(String method, String template) {

        /** Whether a concrete path (as the authorisation test calls it) is one of this route's. */
        public boolean matches(String method, String path) {
            String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
            String regex = Pattern.quote(template).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q");
            return this.method.equals(method) && Pattern.matches(regex, bare);
        }

        @Override
        public String toString() {
            return method + " " + template;
        }
    }

    private ApplicationRoutes() {
    }

    public static List<Route> all() {
        List<Route> routes = new ArrayList<>();
        for (JavaClass javaClass : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.recoverydesk")) {
            if (!javaClass.isAnnotatedWith(Path.class)) {
                continue;
            }
            Class<?> resource = javaClass.reflect();
            String base = resource.getAnnotation(Path.class).value();
            for (Method method : resource.getDeclaredMethods()) {
                for (Annotation annotation : method.getAnnotations()) {
                    HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
                    if (http != null) {
                        Path sub = method.getAnnotation(Path.class);
                        routes.add(new Route(http.value(), join(base, sub == null ? "" : sub.value())));
                    }
                }
            }
        }
        routes.sort(Comparator.comparing(Route::template).thenComparing(Route::method));
        return routes;
    }

    private static String join(String base, String sub) {
        String path = ("/" + base + "/" + sub).replaceAll("/+", "/");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
