package com.recoverydesk.admin;

import com.recoverydesk.support.StaffScreen;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.recoverydesk.accounts.CustomerAccount;
import com.recoverydesk.accounts.DirectoryAccount;
import com.recoverydesk.audit.AuditEvent;
import com.recoverydesk.cases.CaseStatus;
import com.recoverydesk.cases.RecoveryCase;
import com.recoverydesk.cases.TicketReferences;
import com.recoverydesk.process.Outbox;
import com.recoverydesk.process.RecoveryProcess;
import com.recoverydesk.support.TestAccounts;
import com.recoverydesk.support.TestCases;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The operations view: incidents retried, instances cancelled, only by an administrator. */
@QuarkusTest
class AdminProcessPagesTest {

    private static final String PAGE = "/admin/processes";

    @Inject
    Outbox outbox;

    @Inject
    DataSource dataSource;

    @Test
    void shouldShowAnIncidentAndLetTheCaseMoveOnWhenRetriedAfterTheDataIsFixed() {
        // a case whose account the directory does not know: assess-risk fails on every try (5, 1 s apart)
        String accountRef = "ACC-LATER-" + UUID.randomUUID().toString().substring(0, 8);
        OpenedCase opened = openCaseFor(accountRef);
        StaffScreen admin = StaffScreen.open("admin", PAGE);

        long instanceKey = await("the case's instance", Duration.ofSeconds(20), () -> caseOf(opened.id()).processInstanceKey);
        String incidentRow = await("an incident for the case", Duration.ofSeconds(40), () -> row(admin.get(PAGE), "incident-", instanceKey));
        assertTrue(incidentRow.contains(opened.ticketRef()), incidentRow);
        assertTrue(incidentRow.contains(RecoveryProcess.Elements.ASSESS_RISK), incidentRow);
        assertTrue(incidentRow.contains("JOB_NO_RETRIES"), incidentRow);
        assertTrue(incidentRow.contains("the directory no longer knows the account"), incidentRow);
        assertTrue(incidentRow.contains("<td>0</td>"), "the job has no retries left: " + incidentRow);
        String incidentKey = field(incidentRow, "incidentKey");
        String jobKey = field(incidentRow, "jobKey");

        addDirectoryAccount(accountRef);
        Response retried = admin.post(PAGE + "/retry", Map.of("incidentKey", incidentKey, "jobKey", jobKey));
        retried.then().statusCode(303).header("Location", endsWith(PAGE + "?retried=" + incidentKey));
        assertTrue(admin.get(PAGE + "?retried=" + incidentKey).contains("Incident " + incidentKey + " is resolved"));

        String riskLevel = await("the risk assessment", Duration.ofSeconds(20), () -> caseOf(opened.id()).riskLevel);
        assertEquals("LOW", riskLevel);
        // narrowed to the case: the full list shows only the oldest instances, and the suite leaves many active
        String instanceRow = await("the instance waiting for evidence", Duration.ofSeconds(20), () -> {
            String found = row(admin.get(PAGE + "?ticketRef=" + opened.ticketRef()), "instance-", instanceKey);
            return found != null && found.contains(RecoveryProcess.Elements.WAIT_FOR_EVIDENCE) ? found : null;
        });
        assertTrue(instanceRow.contains(opened.ticketRef()), instanceRow);
        assertFalse(admin.get(PAGE).contains("id=\"incident-" + incidentKey + "\""), "the incident is gone");

        AuditEvent audited = auditEvent("admin.incident-retried", opened.id());
        assertEquals("admin1", audited.actor);
        assertEquals("admin", audited.role);
        assertTrue(audited.details.contains("\"incidentKey\":\"" + incidentKey + "\""), audited.details);
        assertTrue(audited.details.contains("\"jobKey\":\"" + jobKey + "\""), audited.details);
        assertTrue(audited.details.contains("\"incidentResolved\":true"), audited.details);

        // a second press, from a page shown before the first: a readable refusal, no stack trace
        admin.post(PAGE + "/retry", Map.of("incidentKey", incidentKey)).then().statusCode(409)
                .contentType(containsString("text/html"))
                .body(containsString("There is no open incident " + incidentKey))
                .body(not(containsString("Exception")));
    }

    @Test
    void shouldShowATimerThatGaveUpAndFireItWhenRetried() throws SQLException {
        // the cooling-off timer of this requester's case cannot fire: every try fails (3 tries in the tests, 1 s and 2 s apart)
        String email = TestAccounts.create();
        String fault = "fault_timer_" + System.nanoTime();
        execute("create function " + fault + "() returns trigger as $$ begin"
                        + " if old.element_id = 'Event_CoolingOffElapsed' and exists (select 1 from recovery_case c join customer_account a on a.account_ref = c.account_ref"
                        + " where c.process_instance_key = old.instance_key and a.email = '" + email + "') then"
                        + " raise exception 'timer of % refused', '" + email + "' using errcode = '22023'; end if; return old; end $$ language plpgsql",
                "create trigger " + fault + " before delete on engine_timer for each row execute function " + fault + "()");
        try {
            TestCases.ApprovedCase approved = TestCases.approvedCase(email);
            long instanceKey = caseOf(approved.caseId()).processInstanceKey;
            StaffScreen admin = StaffScreen.open("admin", PAGE);
            String incidentRow = await("the timer's incident", Duration.ofSeconds(40), () -> row(admin.get(PAGE), "incident-", instanceKey));
            assertTrue(incidentRow.contains("TIMER_NO_RETRIES"), incidentRow);
            assertTrue(incidentRow.contains("Event_CoolingOffElapsed"), incidentRow);
            assertTrue(incidentRow.contains("could not fire after 3 tries"), incidentRow);
            assertFalse(incidentRow.contains(email) || incidentRow.contains("@"), "no address in the incident: " + incidentRow);
            assertEquals(CaseStatus.COOLING_OFF, caseOf(approved.caseId()).status, "the reset waits for the timer");
            String incidentKey = field(incidentRow, "incidentKey");

            execute("drop trigger " + fault + " on engine_timer"); // the database is repaired
            admin.post(PAGE + "/retry", Map.of("incidentKey", incidentKey)).then().statusCode(303);

            CaseStatus status = await("the reset after the retry", Duration.ofSeconds(30), () -> {
                CaseStatus now = caseOf(approved.caseId()).status;
                return now == CaseStatus.RECOVERED ? now : null;
            });
            assertEquals(CaseStatus.RECOVERED, status);
            assertFalse(admin.get(PAGE).contains("id=\"incident-" + incidentKey + "\""), "the incident is gone");
        } finally {
            execute("drop trigger if exists " + fault + " on engine_timer", "drop function if exists " + fault + "()");
        }
    }

    @Test
    void shouldCancelAnInstanceAndNoLongerListIt() {
        String email = TestAccounts.create();
        String ticketRef = (String) TestAccounts.openCase(email).get("ticketRef");
        TestAccounts.newestMailTextMatching(email, "please upload", Duration.ofSeconds(20));
        RecoveryCase recoveryCase = QuarkusTransaction.requiringNew().call(() -> RecoveryCase.<RecoveryCase>find("ticketRef", ticketRef).firstResult());
        long instanceKey = recoveryCase.processInstanceKey;
        StaffScreen admin = StaffScreen.open("admin", PAGE);
        String instanceRow = row(admin.get(PAGE + "?ticketRef=" + ticketRef), "instance-", instanceKey);
        assertNotNull(instanceRow, "the case's instance is listed");
        assertTrue(instanceRow.contains(ticketRef), instanceRow);

        admin.post(PAGE + "/cancel", Map.of("instanceKey", Long.toString(instanceKey), "reason", "Stuck after a data fix"))
                .then().statusCode(400).body(containsString("confirm"));
        admin.post(PAGE + "/cancel", Map.of("instanceKey", Long.toString(instanceKey), "confirm", "yes"))
                .then().statusCode(400).body(containsString("reason"));
        Response cancelled = admin.post(PAGE + "/cancel", Map.of("instanceKey", Long.toString(instanceKey),
                "reason", "Stuck after a data fix", "confirm", "yes"));
        cancelled.then().statusCode(303).header("Location", endsWith(PAGE + "?cancelled=" + instanceKey));
        String after = admin.get(PAGE + "?cancelled=" + instanceKey);
        assertTrue(after.contains("Process instance " + instanceKey + " is cancelled."), after);
        assertFalse(after.contains("id=\"instance-" + instanceKey + "\""), "the instance is gone");

        // the case closes and the requester hears why, instead of reading "checking your documents" forever
        assertEquals(com.recoverydesk.cases.CaseStatus.CANCELLED, caseOf(recoveryCase.id).status);
        TestAccounts.newestMailTextMatching(email, "Stuck after a data fix", Duration.ofSeconds(10));

        AuditEvent audited = auditEvent("admin.instance-cancelled", recoveryCase.id);
        assertEquals("admin1", audited.actor);
        assertTrue(audited.details.contains("\"processInstanceKey\":\"" + instanceKey + "\""), audited.details);

        admin.post(PAGE + "/cancel", Map.of("instanceKey", Long.toString(instanceKey), "reason", "again", "confirm", "yes")).then().statusCode(409)
                .body(containsString("There is no active process instance " + instanceKey));
    }

    @Test
    void shouldFindACasesInstanceByItsTicketReference() {
        String email = TestAccounts.create();
        String ticketRef = (String) TestAccounts.openCase(email).get("ticketRef");
        TestAccounts.newestMailTextMatching(email, "please upload", Duration.ofSeconds(20));
        long instanceKey = QuarkusTransaction.requiringNew().call(() -> RecoveryCase.<RecoveryCase>find("ticketRef", ticketRef)
                .firstResult().processInstanceKey);
        StaffScreen admin = StaffScreen.open("admin", PAGE);

        String narrowed = admin.get(PAGE + "?ticketRef=" + ticketRef.toLowerCase(java.util.Locale.ROOT));
        assertTrue(narrowed.contains("Showing case <span class=\"mono\">" + ticketRef + "</span> only."), narrowed);
        assertNotNull(row(narrowed, "instance-", instanceKey), "the case's instance is shown");
        assertEquals(1, narrowed.split("<tr id=\"instance-", -1).length - 1, "no other case's instance");
        assertTrue(narrowed.contains(RecoveryProcess.Elements.WAIT_FOR_EVIDENCE), "where it waits");

        String unknown = "RCV-2222-2222".equals(ticketRef) ? "RCV-3333-3333" : "RCV-2222-2222";
        given().cookie(admin.session()).accept("text/html").get(PAGE + "?ticketRef=" + unknown).then().statusCode(404)
                .contentType(containsString("text/html")).body(containsString("No case has the ticket " + unknown + "."));
        // text that is no reference is not repeated on the page: a link cannot put words there
        given().cookie(admin.session()).accept("text/html").get(PAGE + "?ticketRef=Call+0800+now").then().statusCode(400)
                .body(containsString("A ticket reference looks like RCV-7KQ2-M9XD."))
                .body(not(containsString("0800 NOW")));
    }

    @Test
    void shouldExplainAKeyThatIsNotANumber() {
        StaffScreen admin = StaffScreen.open("admin", PAGE);
        admin.post(PAGE + "/cancel", Map.of("instanceKey", "12; drop table")).then().statusCode(400)
                .contentType(containsString("text/html"))
                .body(containsString("The process instance key must be a positive whole number."));
        admin.post(PAGE + "/retry", Map.of("incidentKey", "")).then().statusCode(400)
                .body(containsString("Enter the incident key."));
    }

    @Test
    void shouldNotPutTextFromTheAddressOnThePage() {
        StaffScreen admin = StaffScreen.open("admin", PAGE);
        String page = admin.get(PAGE + "?retried=Call+0800+now");
        // the address's words, not the bare digits: the page lists instance keys, which may hold them
        assertFalse(page.contains("Call 0800") || page.contains("0800 now"), "only a number makes a notice");
        assertFalse(page.contains("role=\"status\""));
    }

    @Test
    void shouldRefuseAFormPostWithoutTheCsrfToken() {
        StaffScreen admin = StaffScreen.open("admin", PAGE);
        new StaffScreen(admin.session(), null, "").post(PAGE + "/cancel", Map.of("instanceKey", "1")).then().statusCode(400)
                .body(containsString("This form has expired"));
    }

    @Test
    void shouldForbidTheOperationsViewToAnAgent() {
        StaffScreen agent = StaffScreen.open("agent", "/");
        given().cookie(agent.session()).accept("text/html").get(PAGE).then().statusCode(403);
        agent.post(PAGE + "/cancel", Map.of("instanceKey", "1")).then().statusCode(403);
        agent.post(PAGE + "/retry", Map.of("incidentKey", "1", "jobKey", "2")).then().statusCode(403);
    }

    @Test
    void shouldSendAnAnonymousVisitorToTheLoginPage() {
        given().redirects().follow(false).accept("text/html").get(PAGE)
                .then().statusCode(303).header("Location", containsString("/login?next=%2Fadmin%2Fprocesses"));
    }

    private record OpenedCase(String id, String ticketRef) {}

    /** Opens a case as the intake does (the case and its START_PROCESS command in one transaction), for any account ref. */
    private OpenedCase openCaseFor(String accountRef) {
        return QuarkusTransaction.requiringNew().call(() -> {
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            RecoveryCase opened = new RecoveryCase();
            opened.id = UUID.randomUUID().toString();
            opened.ticketRef = TicketReferences.next();
            opened.accountRef = accountRef;
            opened.status = CaseStatus.AWAITING_EVIDENCE;
            opened.description = "Lost my phone.";
            opened.openedAt = now;
            opened.updatedAt = now;
            opened.persist();
            outbox.startProcess(opened.id, Map.of(RecoveryProcess.Variables.CASE_ID, opened.id,
                    RecoveryProcess.Variables.TICKET_REF, opened.ticketRef));
            return new OpenedCase(opened.id, opened.ticketRef);
        });
    }

    private static void addDirectoryAccount(String accountRef) {
        QuarkusTransaction.requiringNew().run(() -> {
            DirectoryAccount account = new DirectoryAccount();
            account.accountRef = accountRef;
            account.email = accountRef.toLowerCase() + "@example.org";
            account.displayName = "Test Customer";
            account.openedAt = OffsetDateTime.now(ZoneOffset.UTC).minusYears(2);
            account.balanceTier = CustomerAccount.BalanceTier.STANDARD;
            account.status = DirectoryAccount.Status.ACTIVE;
            account.usualCountries = "DE";
            account.persist();
        });
    }

    private void execute(String... statements) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : statements) statement.execute(sql);
        }
    }

    private static RecoveryCase caseOf(String caseId) {
        return QuarkusTransaction.requiringNew().call(() -> RecoveryCase.<RecoveryCase>findById(caseId));
    }

    private static AuditEvent auditEvent(String action, String caseId) {
        List<AuditEvent> events = QuarkusTransaction.requiringNew().call(() ->
                AuditEvent.<AuditEvent>list("action = ?1 and caseId = ?2", action, caseId));
        assertEquals(1, events.size(), action + " audited once for the case");
        return events.get(0);
    }

    /** The table row with this id prefix whose instance is {@code instanceKey}, or null. */
    private static String row(String page, String idPrefix, long instanceKey) {
        Pattern rowPattern = Pattern.compile("<tr id=\"" + idPrefix + "(\\d+)\"( data-instance=\"(\\d+)\")?>.*?</tr>", Pattern.DOTALL);
        Matcher rows = rowPattern.matcher(page);
        while (rows.find()) {
            String instance = rows.group(3) != null ? rows.group(3) : rows.group(1);
            if (instance.equals(Long.toString(instanceKey))) {
                return rows.group();
            }
        }
        return null;
    }

    private static String field(String row, String name) {
        Matcher value = Pattern.compile("name=\"" + name + "\" value=\"(\\d+)\"").matcher(row);
        assertTrue(value.find(), name + " in " + row);
        return value.group(1);
    }

    private static <T> T await(String what, Duration wait, Supplier<T> probe) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + wait + " in vain for " + what);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
