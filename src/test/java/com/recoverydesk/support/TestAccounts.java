package com.recoverydesk.support;

import static io.restassured.RestAssured.given;

import com.recoverydesk.accounts.CustomerAccount;
import com.recoverydesk.accounts.DirectoryAccount;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Fresh customer accounts for tests (so rate limits per address never meet), and their mail. */
public final class TestAccounts {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

    private TestAccounts() {
    }

    /** A new ordinary account; its address is returned. */
    public static String create(CustomerAccount.BalanceTier tier) {
        String unique = System.nanoTime() + "-" + SEQUENCE.incrementAndGet();
        String email = "customer-" + unique + "@example.org";
        QuarkusTransaction.requiringNew().run(() -> {
            DirectoryAccount account = new DirectoryAccount();
            account.accountRef = "ACC-T" + unique;
            account.email = email;
            account.displayName = "Test Customer";
            account.openedAt = OffsetDateTime.now(ZoneOffset.UTC).minusYears(2);
            account.balanceTier = tier;
            account.status = DirectoryAccount.Status.ACTIVE;
            account.usualCountries = "DE";
            account.persist();
        });
        return email;
    }

    public static String create() {
        return create(CustomerAccount.BalanceTier.STANDARD);
    }

    public static void fileRequest(String email) {
        fileRequest(email, "en");
    }

    /** Files through the API in a language ("en", "ja"), as a client sending Accept-Language. */
    public static void fileRequest(String email, String language) {
        given().contentType("application/json").header("Accept-Language", language)
                .body(Map.of("accountEmail", email, "description", "I lost my phone with the authenticator app."))
                .post("/api/v1/recovery-requests")
                .then().statusCode(202);
    }

    /** The code of the newest access-code mail to the address, waiting for it (it is sent asynchronously). */
    public static String mailedCode(String email) {
        return mailedCodeAfter(email, 0);
    }

    /** The code of the access-code mail that arrives after {@code earlierCodeMails} such mails. */
    public static String mailedCodeAfter(String email, int earlierCodeMails) {
        String subject = Eventually.find("an access code mailed to " + email, Duration.ofSeconds(10), () -> {
            List<String> codeSubjects = codeMailSubjects(email);
            return codeSubjects.size() > earlierCodeMails ? java.util.Optional.of(codeSubjects.get(0)) : java.util.Optional.empty();
        });
        Matcher matcher = CODE.matcher(subject);
        if (!matcher.find()) {
            throw new AssertionError("no code in " + subject);
        }
        return matcher.group(1);
    }

    /** Subjects of the access-code mails to the address, newest first. */
    public static List<String> codeMailSubjects(String email) {
        List<String> subjects = given().queryParam("to", email).get("/api/v1/demo/mailbox").then().statusCode(200).extract().path("subject");
        return subjects.stream().filter(s -> s.startsWith("Your Recovery Desk code") || s.startsWith("Recovery Desk 確認コード")).toList();
    }

    /** The newest mail to the address whose text contains the phrase (case-insensitive), waiting for it. */
    public static String newestMailTextMatching(String email, String phrase, Duration wait) {
        return Eventually.find("a mail to " + email + " containing '" + phrase + "'", wait, () -> {
            List<String> texts = given().queryParam("to", email).get("/api/v1/demo/mailbox").then().statusCode(200).extract().path("text");
            return texts.stream().filter(text -> text.toLowerCase().contains(phrase.toLowerCase())).findFirst();
        });
    }

    /** Files a request, reads the mailed code and confirms it: the requester's case token. */
    public static Map<String, Object> openCase(String email) {
        return openCase(email, "en");
    }

    /** The same, filed in a language: the case's mails go in it. */
    public static Map<String, Object> openCase(String email, String language) {
        int earlier = codeMailSubjects(email).size();
        fileRequest(email, language);
        String code = mailedCodeAfter(email, earlier);
        return given().contentType("application/json").body(Map.of("accountEmail", email, "code", code))
                .post("/api/v1/recovery-requests/confirmations")
                .then().statusCode(201).extract().as(Map.class);
    }
}
