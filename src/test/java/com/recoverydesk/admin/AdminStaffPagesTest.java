package com.recoverydesk.admin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.recoverydesk.audit.AuditEvent;
import com.recoverydesk.identity.StaffAccount;
import com.recoverydesk.identity.StaffAdminService;
import com.recoverydesk.identity.Totp;
import com.recoverydesk.support.StaffScreen;
import com.recoverydesk.web.ProblemException;
import com.recoverydesk.web.SessionCookie;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Cookie;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Staff administration (issue 7 item 8) through the screens and the sign-in: create, roles,
 * disable, password and second-factor resets, the forced password change, and the two rules
 * (not on one's own account, never the last administrator). Every account is made by the test.
 */
@QuarkusTest
class AdminStaffPagesTest {

    private static final String PAGE = "/admin/staff";
    private static final String TEMPORARY = "temporary-pass-4711";
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");
    private static final Pattern TICKET_FIELD = Pattern.compile("name=\"ticket\" value=\"([^\"]+)\"");

    @Inject
    StaffAdminService service;

    @Test
    void shouldCreateAStaffMemberWhoMustChooseTheirOwnPasswordAtTheFirstSignIn() {
        StaffScreen admin = StaffScreen.open("admin", PAGE);
        String username = newName();

        Response created = post(admin, PAGE, "username", username, "displayName", "Test Agent <b>", "role", "agent", "password", TEMPORARY);
        created.then().statusCode(303).header("Location", matchesPattern(".*/admin/staff/\\d+\\?done=created"));
        String page = admin.get(location(created));
        assertTrue(page.contains("The account is created"), page);
        assertTrue(page.contains("Test Agent &lt;b&gt;"), "the name is shown as text");
        assertTrue(page.contains("temporary: to be changed at the next sign-in"));
        assertTrue(admin.get(PAGE).contains(username));

        // the API gives no token for a temporary password, and says why
        given().contentType("application/json").body(Map.of("username", username, "password", TEMPORARY))
                .post("/api/v1/auth/token").then().statusCode(403).contentType("application/problem+json")
                .body("title", equalTo("Password change required"));

        // the sign-in page goes on to the change; a weak password is refused readably, the form stays
        Browser browser = Browser.open();
        String change = browser.signIn(username, TEMPORARY).then().statusCode(200).extract().asString();
        assertTrue(change.contains("Choose your password"), change);
        String ticket = field(TICKET_FIELD, change);
        browser.changePassword(ticket, "short", "short").then().statusCode(400).body(containsString("at least 12 characters"));
        browser.changePassword(ticket, "long-enough-but-differs", "another-one-entirely").then().statusCode(400)
                .body(containsString("The two passwords differ"));
        browser.changePassword(ticket, TEMPORARY, TEMPORARY).then().statusCode(400).body(containsString("different from the one you were given"));

        Response signedIn = browser.changePassword(ticket, "my-own-secret-phrase", "my-own-secret-phrase");
        signedIn.then().statusCode(303);
        String session = signedIn.getCookie(SessionCookie.NAME);
        assertNotNull(session);
        given().cookie(SessionCookie.NAME, session).accept("text/html").get("/agent").then().statusCode(200);

        // used once: the ticket is spent, the temporary password is gone, the own one works
        browser.changePassword(ticket, "yet-another-phrase-1", "yet-another-phrase-1").then().statusCode(401)
                .body(containsString("Staff sign-in"));
        signInApi(username, TEMPORARY).statusCode(401);
        signInApi(username, "my-own-secret-phrase").statusCode(200);
        assertEquals("admin1", audited("staff.created", username).actor);
        assertEquals(username, audited("staff.password-changed", null, username).actor);
    }

    @Test
    void shouldSetRolesAndEndTheSessionsThatHadTheOldOnes() {
        Member member = createAndActivate("agent");
        given().auth().oauth2(member.token).get("/api/v1/review/tasks?queue=review").then().statusCode(200);
        StaffScreen admin = StaffScreen.open("admin", PAGE);

        post(admin, PAGE + "/" + member.id + "/roles", "role", "manager").then().statusCode(303);

        given().auth().oauth2(member.token).get("/api/v1/review/tasks?queue=review").then().statusCode(401);
        String fresh = signInApi(member.username, member.password).statusCode(200).extract().path("accessToken");
        given().auth().oauth2(fresh).get("/api/v1/sla/summary").then().statusCode(200);
        given().auth().oauth2(fresh).get("/api/v1/review/tasks?queue=review").then().statusCode(403);
        AuditEvent changed = audited("staff.roles-changed", member.username);
        assertTrue(changed.details.contains("\"before\":[\"agent\"]") && changed.details.contains("\"after\":[\"manager\"]"), changed.details);

        // unknown roles and no role at all are refused on the page, readably
        String refused = post(admin, PAGE + "/" + member.id + "/roles", "role", "root").then().statusCode(400).extract().asString();
        assertTrue(refused.contains("Unknown role"), refused);
        post(admin, PAGE + "/" + member.id + "/roles").then().statusCode(400).body(containsString("at least one role"));
    }

    @Test
    void shouldDisableAnAccountAtOnceAndEnableItAgain() {
        Member member = createAndActivate("compliance");
        StaffScreen admin = StaffScreen.open("admin", PAGE);

        post(admin, PAGE + "/" + member.id + "/disable").then().statusCode(303);

        given().auth().oauth2(member.token).get("/api/v1/audit/verification").then().statusCode(401);
        signInApi(member.username, member.password).statusCode(401);
        assertTrue(admin.get(PAGE + "/" + member.id).contains("<td id=\"status\">disabled</td>"));

        post(admin, PAGE + "/" + member.id + "/enable").then().statusCode(303);
        String fresh = signInApi(member.username, member.password).statusCode(200).extract().path("accessToken");
        given().auth().oauth2(fresh).get("/api/v1/audit/verification").then().statusCode(200);
        // the token from before the disable stays dead
        given().auth().oauth2(member.token).get("/api/v1/audit/verification").then().statusCode(401);
        assertNotNull(audited("staff.disabled", member.username));
        assertNotNull(audited("staff.enabled", member.username));
    }

    @Test
    void shouldResetAPasswordAndALostAuthenticator() {
        Member member = createAndActivate("agent");
        String secret = Totp.newSecret();
        QuarkusTransaction.requiringNew().run(() -> StaffAccount.<StaffAccount>findById(member.id).totpSecret = secret);
        StaffScreen admin = StaffScreen.open("admin", PAGE);
        assertTrue(admin.get(PAGE + "/" + member.id).contains("authenticator enrolled"));
        signInApi(member.username, member.password).statusCode(401);

        post(admin, PAGE + "/" + member.id + "/totp").then().statusCode(303);
        assertTrue(admin.get(PAGE + "/" + member.id + "?done=totp").contains("The authenticator is removed"));
        assertNull(QuarkusTransaction.requiringNew().call(() -> StaffAccount.<StaffAccount>findById(member.id).totpSecret));
        signInApi(member.username, member.password).statusCode(200);
        // nothing to remove twice
        post(admin, PAGE + "/" + member.id + "/totp").then().statusCode(409).body(containsString("no authenticator enrolled"));

        post(admin, PAGE + "/" + member.id + "/password", "password", "another-temporary-1").then().statusCode(303);
        signInApi(member.username, member.password).statusCode(401);
        signInApi(member.username, "another-temporary-1").statusCode(403);
        given().auth().oauth2(member.token).get("/api/v1/review/tasks?queue=review").then().statusCode(401);
        assertNotNull(audited("staff.password-reset", member.username));
        assertNotNull(audited("staff.totp-reset", member.username));
    }

    @Test
    void shouldRefuseAnAdministratorActingOnTheirOwnAccount() {
        StaffScreen admin = StaffScreen.open("admin", PAGE);
        long me = idOf("admin1");
        String own = admin.get(PAGE + "/" + me);
        assertTrue(own.contains("id=\"own-account\""), "no forms offered on one's own account");
        assertFalse(own.contains("id=\"roles-form\""));

        String refused = post(admin, PAGE + "/" + me + "/roles", "role", "admin", "role", "compliance")
                .then().statusCode(403).extract().asString();
        assertTrue(refused.contains("do not change their own account"), refused);
        post(admin, PAGE + "/" + me + "/disable").then().statusCode(403);
        post(admin, PAGE + "/" + me + "/password", "password", "a-password-for-me").then().statusCode(403);
        assertEquals(List.of("admin"), QuarkusTransaction.requiringNew().call(() -> List.copyOf(StaffAccount.<StaffAccount>findById(me).roles)));
        AuditEvent attempt = audited("staff.admin-refused", null, "admin1");
        assertTrue(attempt.details.contains("own-account"), attempt.details);
    }

    @Test
    void shouldNeverDisableTheLastAdministratorNorTakeTheRoleFromThem() {
        Member last = createAndActivate("admin");
        StaffAdminService.Administrator outsider = new StaffAdminService.Administrator("outside-admin", Set.of("admin"));
        // leave the new account the only enabled administrator for the length of the test
        List<Long> others = QuarkusTransaction.requiringNew().call(() -> StaffAccount.<StaffAccount>list("enabled = true").stream()
                .filter(s -> s.roles.contains("admin") && !s.id.equals(last.id)).map(s -> s.id).toList());
        setEnabled(others, false);
        try {
            ProblemException disable = assertThrows(ProblemException.class, () -> service.disable(outsider, last.id));
            assertEquals(409, disable.status());
            assertTrue(disable.getMessage().contains("last enabled administrator"), disable.getMessage());
            assertEquals(409, assertThrows(ProblemException.class, () -> service.setRoles(outsider, last.id, List.of("agent"))).status());
        } finally {
            setEnabled(others, true);
        }
        assertTrue(QuarkusTransaction.requiringNew().call(() -> StaffAccount.<StaffAccount>findById(last.id).enabled));
        // with another administrator enabled again, the same change is allowed
        service.setRoles(outsider, last.id, List.of("agent"));
        assertTrue(audited("staff.admin-refused", last.username).details.contains("last-admin"));
    }

    @Test
    void shouldRefuseTheFormWithoutItsCsrfTokenAndKeepWhatWasTypedOnARefusal() {
        StaffScreen admin = StaffScreen.open("admin", PAGE);
        String username = newName();
        given().redirects().follow(false).cookie(admin.session()).cookie(admin.csrfCookie()).contentType("application/x-www-form-urlencoded")
                .formParam("username", username).formParam("displayName", "No Token").formParam("role", "agent").formParam("password", TEMPORARY)
                .post(PAGE).then().statusCode(400);
        assertFalse(admin.get(PAGE).contains(username), "nothing created");

        post(admin, PAGE, "username", username, "displayName", "First", "role", "agent", "password", TEMPORARY).then().statusCode(303);
        String taken = post(admin, PAGE, "username", username, "displayName", "Second Person", "role", "agent", "password", TEMPORARY)
                .then().statusCode(409).extract().asString();
        assertTrue(taken.contains("There is already a staff account named " + username), taken);
        assertTrue(taken.contains("value=\"Second Person\""), "what was typed stays");
        post(admin, PAGE, "username", "x", "displayName", "Short", "role", "agent", "password", TEMPORARY).then().statusCode(400)
                .body(containsString("A user name has 3 to 64 characters"));
        post(admin, PAGE, "username", newName(), "displayName", "Weak", "role", "agent", "password", "short").then().statusCode(400)
                .body(containsString("at least 12 characters"));
    }

    // ---- helpers

    private record Member(long id, String username, String password, String token) {}

    /** An account made through the admin screen and signed in once through the password change. */
    private Member createAndActivate(String role) {
        StaffScreen admin = StaffScreen.open("admin", PAGE);
        String username = newName();
        Response created = post(admin, PAGE, "username", username, "displayName", "Test " + role, "role", role, "password", TEMPORARY);
        created.then().statusCode(303);
        long id = Long.parseLong(location(created).replaceAll(".*/admin/staff/(\\d+)\\?.*", "$1"));
        Browser browser = Browser.open();
        String ticket = field(TICKET_FIELD, browser.signIn(username, TEMPORARY).then().statusCode(200).extract().asString());
        String password = "own-password-" + UUID.randomUUID().toString().substring(0, 8);
        browser.changePassword(ticket, password, password).then().statusCode(303);
        String token = signInApi(username, password).statusCode(200).extract().path("accessToken");
        return new Member(id, username, password, token);
    }

    /** A browser on the sign-in page: the CSRF cookie and field it was given. */
    private record Browser(Cookie csrfCookie, String csrfToken) {
        static Browser open() {
            Response page = given().accept("text/html").get("/login");
            return new Browser(page.getDetailedCookie("rd_csrf"), field(CSRF_FIELD, page.asString()));
        }

        Response signIn(String username, String password) {
            return given().redirects().follow(false).cookie(csrfCookie).contentType("application/x-www-form-urlencoded")
                    .formParam("csrf-token", csrfToken).formParam("username", username).formParam("password", password)
                    .formParam("next", "/agent").post("/login");
        }

        Response changePassword(String ticket, String password, String confirmation) {
            return given().redirects().follow(false).cookie(csrfCookie).contentType("application/x-www-form-urlencoded")
                    .formParam("csrf-token", csrfToken).formParam("ticket", ticket).formParam("password", password)
                    .formParam("confirmation", confirmation).formParam("next", "/agent").post("/login/password");
        }
    }

    private static io.restassured.response.ValidatableResponse signInApi(String username, String password) {
        return given().contentType("application/json").body(Map.of("username", username, "password", password))
                .post("/api/v1/auth/token").then();
    }

    /** Posts a form as the page's buttons do, with its CSRF token; a field may repeat (several roles). */
    private static Response post(StaffScreen admin, String action, String... pairs) {
        var request = given().redirects().follow(false).cookie(admin.session()).cookie(admin.csrfCookie()).accept("text/html")
                .contentType("application/x-www-form-urlencoded").formParam("csrf-token", admin.csrfToken());
        for (int i = 0; i < pairs.length; i += 2) {
            request = request.formParam(pairs[i], pairs[i + 1]);
        }
        return request.post(action);
    }

    private static String newName() {
        return "st" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    private static String location(Response response) {
        return URI_PATH.matcher(response.getHeader("Location")).replaceFirst("");
    }

    private static final Pattern URI_PATH = Pattern.compile("^https?://[^/]+");

    private static String field(Pattern pattern, String html) {
        Matcher matcher = pattern.matcher(html);
        assertTrue(matcher.find(), "field on the page: " + pattern);
        return matcher.group(1);
    }

    private static long idOf(String username) {
        return QuarkusTransaction.requiringNew().call(() -> StaffAccount.findByUsername(username).orElseThrow().id);
    }

    private static void setEnabled(List<Long> ids, boolean enabled) {
        QuarkusTransaction.requiringNew().run(() -> ids.forEach(id -> StaffAccount.<StaffAccount>findById(id).enabled = enabled));
    }

    private static AuditEvent audited(String action, String username) {
        return audited(action, username, null);
    }

    /** The newest audit event of the action, about {@code username} (in its details) or by {@code actor}. */
    private static AuditEvent audited(String action, String username, String actor) {
        return QuarkusTransaction.requiringNew().call(() -> AuditEvent.<AuditEvent>list("action = ?1 order by seq desc", action).stream()
                .filter(e -> username == null || e.details.contains("\"username\":\"" + username + "\""))
                .filter(e -> actor == null || actor.equals(e.actor))
                .findFirst().orElseThrow(() -> new AssertionError("no " + action + " event")));
    }
}
