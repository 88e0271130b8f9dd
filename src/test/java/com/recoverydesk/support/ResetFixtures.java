package com.recoverydesk.support;

import static io.restassured.RestAssured.given;

import com.recoverydesk.accounts.BuiltInAccountDirectory;
import com.recoverydesk.accounts.DirectoryAccount;
import com.recoverydesk.identity.Totp;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Customers as the reset meets them (password, an authenticator, sessions, a second address), their links and the audit story. */
public final class ResetFixtures {

    public static final String PASSWORD = "customer-demo";
    private static final Pattern OBJECTION_LINK = Pattern.compile("https?://\\S+/objection/[A-Za-z0-9_-]{43}");
    private static final Pattern ENROLMENT_LINK = Pattern.compile("https?://\\S+/enrol/[A-Za-z0-9_-]{43}");
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");

    private ResetFixtures() {
    }

    /** A customer who can sign in, whose authenticator has this (old) secret. */
    public record Customer(String email, String accountRef, String secondAddress, String oldSecret) {}

    public static Customer customer(com.recoverydesk.accounts.CustomerAccount.BalanceTier tier) {
        String email = TestAccounts.create(tier);
        String ref = QuarkusTransaction.requiringNew().call(() -> DirectoryAccount.<DirectoryAccount>find("email", email).firstResult().accountRef);
        String second = "second-" + email;
        String secret = Totp.newSecret();
        BuiltInAccountDirectory directory = Arc.container().instance(BuiltInAccountDirectory.class).get();
        directory.setPassword(ref, PASSWORD);
        directory.addAuthenticator(ref, "Phone (lost)", secret);
        directory.addBackupCodes(ref, List.of("AAAAA-BBBBB", "CCCCC-DDDDD"));
        directory.addNotificationAddress(ref, second);
        directory.openSession(ref, "Mobile app");
        directory.openSession(ref, "Laptop browser");
        return new Customer(email, ref, second, secret);
    }

    public static String objectionLink(String email, Duration wait) {
        return link(OBJECTION_LINK, TestAccounts.newestMailTextMatching(email, "This was not you", wait));
    }

    public static String enrolmentLink(String email, Duration wait) {
        return link(ENROLMENT_LINK, TestAccounts.newestMailTextMatching(email, "Set up your new authenticator here", wait));
    }

    /** The path of a mailed link, for REST Assured (which talks to the test port, not to the public URL). */
    public static String path(String link) {
        return link.replaceFirst("^https?://[^/]+", "");
    }

    private static String link(Pattern pattern, String mail) {
        Matcher matcher = pattern.matcher(mail);
        if (!matcher.find()) {
            throw new AssertionError("no link in " + mail);
        }
        return matcher.group();
    }

    /** Opens the page, then posts its form as a browser would (CSRF cookie and field), without following redirects. */
    public static Response postForm(String path, Map<String, String> fields) {
        Response page = given().accept("text/html").get(path);
        Matcher field = CSRF_FIELD.matcher(page.asString());
        if (!field.find()) {
            // a used or expired link shows no form: post as a browser holding an older page of it would
            page = given().accept("text/html").get("/recover");
            field = CSRF_FIELD.matcher(page.asString());
            if (!field.find()) {
                throw new AssertionError("no form on /recover");
            }
        }
        var request = given().redirects().follow(false).accept("text/html").contentType("application/x-www-form-urlencoded")
                .cookie(page.getDetailedCookie("rd_csrf")).formParam("csrf-token", field.group(1));
        for (var entry : fields.entrySet()) {
            request = request.formParam(entry.getKey(), entry.getValue());
        }
        return request.post(path);
    }

    public static int demoSignIn(String email, String secret, Instant at) {
        return given().contentType("application/json")
                .body(Map.of("email", email, "password", PASSWORD, "totp", Totp.codeAt(secret, at)))
                .post("/api/v1/demo/account-sign-in").then().extract().statusCode();
    }

    /** The case's audit trail as compliance reads it: "actor action" lines in order. */
    public static List<String> story(String caseId) {
        List<Map<String, Object>> events = given().auth().oauth2(TestTokens.forRole("compliance")).queryParam("caseId", caseId)
                .queryParam("limit", "500").get("/api/v1/audit/events").then().statusCode(200).extract().path("events");
        return events.stream().map(e -> e.get("actor") + " " + e.get("action")).toList();
    }

    public static long count(List<String> story, String line) {
        return story.stream().filter(line::equals).count();
    }

    /** The case's status as the requester sees it. */
    public static String status(String caseToken) {
        return given().auth().oauth2(caseToken).get("/api/v1/my-case").then().statusCode(200).extract().path("status");
    }

    public static void awaitStatus(String caseToken, String status, Duration wait) {
        Eventually.find("case status " + status, wait, () -> status.equals(status(caseToken)) ? Optional.of(true) : Optional.empty());
    }
}
