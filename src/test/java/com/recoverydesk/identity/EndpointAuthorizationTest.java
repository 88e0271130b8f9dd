package com.recoverydesk.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.recoverydesk.support.ApplicationRoutes;
import com.recoverydesk.support.ProtectedEndpoints;
import com.recoverydesk.support.ProtectedEndpoints.Endpoint;
import com.recoverydesk.support.TestTokens;
import com.recoverydesk.web.SessionCookie;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * For every protected endpoint: no token and every kind of bad token give 401, every role that
 * is not allowed gets 403, and every allowed role gets through.
 */
@QuarkusTest
class EndpointAuthorizationTest {

    private static final List<String> BAD_TOKEN_KINDS = List.of("tampered", "expired", "unsigned", "wrong-issuer", "foreign-key", "garbage");

    /**
     * The list the tests below walk is checked against the routes the application serves: a new
     * endpoint fails here until its authorisation is decided, in ProtectedEndpoints or as public.
     */
    @Test
    void shouldKnowTheAuthorisationOfEveryRouteOfTheApplication() {
        List<ApplicationRoutes.Route> routes = ApplicationRoutes.all();
        List<String> undecided = routes.stream()
                .filter(route -> ProtectedEndpoints.ALL.stream().noneMatch(e -> route.matches(e.method(), e.path())))
                .filter(route -> !ProtectedEndpoints.PUBLIC.contains(route.toString()))
                .map(ApplicationRoutes.Route::toString).toList();
        assertTrue(undecided.isEmpty(), "routes missing from ProtectedEndpoints (or its PUBLIC list): " + undecided);
        List<String> stalePublic = ProtectedEndpoints.PUBLIC.stream()
                .filter(p -> routes.stream().noneMatch(r -> r.toString().equals(p))).toList();
        assertTrue(stalePublic.isEmpty(), "PUBLIC names routes the application does not serve: " + stalePublic);
        assertTrue(routes.size() > 40, "the routes were found: " + routes.size());
    }

    @TestFactory
    Stream<DynamicTest> shouldRefuseMissingAndBadTokensWith401() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Endpoint endpoint : ProtectedEndpoints.ALL) {
            String role = endpoint.allowedRoles().stream().filter(r -> !r.equals("requester")).sorted().findFirst().orElse("agent");
            tests.add(DynamicTest.dynamicTest(endpoint + " without token", () ->
                    call(endpoint, given()).then().statusCode(401)));
            for (String kind : BAD_TOKEN_KINDS) {
                tests.add(DynamicTest.dynamicTest(endpoint + " with " + kind + " token", () ->
                        call(endpoint, given().auth().oauth2(badToken(kind, role))).then().statusCode(401)));
            }
            tests.add(DynamicTest.dynamicTest(endpoint + " with bad token as cookie", () ->
                    call(endpoint, given().cookie(SessionCookie.NAME, badToken("tampered", role))).then().statusCode(401)));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> shouldAnswer403ToRolesNotAllowed() {
        return ProtectedEndpoints.ALL.stream().flatMap(endpoint -> ProtectedEndpoints.ALL_ROLES.stream()
                .filter(role -> !endpoint.allowedRoles().contains(role))
                .map(role -> DynamicTest.dynamicTest(endpoint + " as " + role, () ->
                        call(endpoint, given().auth().oauth2(TestTokens.forRole(role)))
                                .then().statusCode(403)
                                .contentType(equalTo("application/problem+json")))));
    }

    @TestFactory
    Stream<DynamicTest> shouldLetAllowedRolesThrough() {
        return ProtectedEndpoints.ALL.stream().flatMap(endpoint -> endpoint.allowedRoles().stream()
                .map(role -> DynamicTest.dynamicTest(endpoint + " as " + role, () -> {
                    Function<String, String> token = r -> endpoint.signsOut() ? TestTokens.signIn(TestTokens.USER_FOR_ROLE.get(r)) : TestTokens.forRole(r);
                    int status = call(endpoint, given().auth().oauth2(token.apply(role))).statusCode();
                    assertFalse(status == 401 || status == 403, endpoint + " as " + role + " answered " + status);
                })));
    }

    private static String badToken(String kind, String role) {
        return switch (kind) {
            case "tampered" -> TestTokens.tampered(TestTokens.forRole(role));
            case "expired" -> TestTokens.expired(role);
            case "unsigned" -> TestTokens.unsigned(TestTokens.forRole(role));
            case "wrong-issuer" -> TestTokens.wrongIssuer(role);
            case "foreign-key" -> TestTokens.signedWithForeignKey(role);
            case "garbage" -> "not-a-token";
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private static Response call(Endpoint endpoint, RequestSpecification request) {
        if (endpoint.jsonBody() != null) {
            request = request.contentType("application/json").body(endpoint.jsonBody());
        }
        if (endpoint.multipart()) {
            request = request.multiPart("kind", "ID_FRONT").multiPart("file", "f.png", com.recoverydesk.support.EvidenceSamples.png(8, 8), "image/png");
        }
        return request.request(endpoint.method(), endpoint.path());
    }
}
