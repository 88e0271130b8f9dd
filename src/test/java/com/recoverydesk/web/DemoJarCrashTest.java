package com.recoverydesk.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.recoverydesk.support.Eventually;
import com.recoverydesk.support.EvidenceSamples;
import com.recoverydesk.support.ReviewFixtures;
import io.quarkus.bootstrap.app.AugmentResult;
import io.quarkus.bootstrap.app.CuratedApplication;
import io.quarkus.bootstrap.app.QuarkusBootstrap;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged demo jar killed with {@code kill -9} while its cases are on their way, and started again on the
 * same {@code ./data}: every acknowledged case ends where it would have without the crash, no step's side
 * effect happened twice (the step ledger, the queues and the demo mailbox show each once), and the audit
 * chain verifies. Three cases are on three different steps at the first kill: one whose confirmation was just
 * acknowledged (process start, risk assessment, evidence request and its mail still to run), one whose
 * submission was just acknowledged (the review's opening still to run), one whose second approval was just
 * acknowledged (the announcement mails and the cooling-off timer still to run). The second kill comes as soon
 * as the restarted jar is ready, while it resumes that work (jobs activated again, the timer due).
 *
 * <p>The jar is what {@code mvn package -Dquarkus.profile=demo} makes: a child JVM runs Quarkus' production
 * augmentation on target/classes (so the suite needs no packaging phase), into a directory of its own under
 * target/. bench/crash/crash_test.py does the same with many cases.
 */
class DemoJarCrashTest {

    private static final Pattern LISTENING = Pattern.compile("Listening on: http://[^:]+:(\\d+)");
    private static final Pattern PACKAGED = Pattern.compile("(?m)^packaged (.+)$");
    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");
    private static final Duration START_WAIT = Duration.ofSeconds(120);
    /**
     * For a mail written before a kill: if the kill caught the dispatcher delivering it, the mail waits out its
     * claim (CI once caught alice's reset-complete mail so, and waited 30 s for it in vain).
     */
    private static final Duration AFTER_A_KILL = com.recoverydesk.notify.MailOutbox.CLAIM_LEASE.plusSeconds(60);
    /** Long enough to outlast the two kills and restarts, short enough for the reset to follow within the test. */
    private static final String COOLING_OFF = "PT15S";
    private static final String H2_OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=FALSE";

    private Path workDir;
    private Process app;
    private RequestSpecification http;
    private int starts;

    @AfterEach
    void stopApp() throws InterruptedException {
        if (app != null && app.isAlive()) {
            app.destroyForcibly();
            app.waitFor(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void shouldEndEveryCaseWhereItWouldHaveAndDoNoStepTwiceWhenTheJarIsKilledMidRun() throws Exception {
        Path root = Files.createDirectories(Path.of("target", "crash-demo", Long.toString(System.nanoTime())).toAbsolutePath());
        Path jar = packageDemoJar(root.resolve("build"));
        workDir = Files.createDirectories(root.resolve("work"));
        start(jar);

        // alice goes all the way to the supervisor's approval; bob's evidence waits to be submitted; carol's code to be confirmed
        DemoCase alice = confirmed("alice@example.com");
        uploadRequiredEvidence(alice);
        submit(alice);
        String agent = token("agent1");
        Map<String, Object> review = openTask(agent, "review", alice.ticketRef);
        String caseId = (String) review.get("caseId");
        given(http).auth().oauth2(agent).post("/api/v1/review/tasks/" + review.get("taskId") + "/claim").then().statusCode(200);
        given(http).auth().oauth2(agent).contentType("application/json")
                .body(Map.of("decision", "APPROVE", "checklist", ReviewFixtures.FULL_CHECKLIST, "note", "All consistent."))
                .post("/api/v1/cases/" + caseId + "/review-decision").then().statusCode(200);
        String supervisor = token("supervisor1");
        openTask(supervisor, "approval", alice.ticketRef);
        DemoCase bob = confirmed("bob@example.com");
        uploadRequiredEvidence(bob);
        String carolCode = requestCode("carol@example.com");

        // the three acknowledgements, then SIGKILL at once: their steps are still to run. alice's announcement is
        // waited for, so that her announce-reset job is either still open or done with its cooling-off timer set
        given(http).auth().oauth2(supervisor).contentType("application/json").body(Map.of("decision", "APPROVE", "note", "Second approval."))
                .post("/api/v1/cases/" + caseId + "/approval-decision").then().statusCode(200);
        Eventually.find("alice's announcement", Duration.ofSeconds(30), () -> statusIs(alice, "COOLING_OFF"));
        submit(bob);
        DemoCase carol = confirm("carol@example.com", carolCode);
        kill();
        Map<String, Long> inFlight = unfinishedWork();
        // how much of the three steps' work the kill caught varies with the machine; alice's reset is certainly still to come
        System.out.println("DemoJarCrashTest: left unfinished by the first kill: " + inFlight);
        assertEquals(1L, inFlight.get("cooling-off timers") + inFlight.get("announce-reset jobs"),
                "alice's announce-reset job or her cooling-off timer was open when the jar was killed: " + inFlight);

        start(jar);
        kill(); // while the restarted engine resumes the jobs, the outbox and the timer
        start(jar);

        // a case shows AWAITING_EVIDENCE from its opening on; the evidence request is done once its mail is out
        Eventually.find("carol's evidence request", AFTER_A_KILL, () -> mailsTo("carol@example.com").stream()
                .filter(subject -> subject.contains(carol.ticketRef) && subject.endsWith("please send us your documents")).findFirst());
        Eventually.find("bob's review opened", Duration.ofSeconds(60), () -> statusIs(bob, "IN_REVIEW"));
        openTask(agent(), "review", bob.ticketRef);
        // the cooling-off timer (COOLING_OFF) that was set before the kills fires and the reset follows
        Eventually.find("alice's reset", Duration.ofSeconds(90), () -> statusIs(alice, "RECOVERED"));
        Eventually.find("alice's reset-complete mail", AFTER_A_KILL, () -> mailsTo("alice@example.com").stream()
                .filter(subject -> subject.contains(alice.ticketRef) && subject.startsWith("Your 2FA was reset")).findFirst());
        Map<String, Object> verification = given(http).auth().oauth2(token("compliance1")).get("/api/v1/audit/verification")
                .then().statusCode(200).extract().as(Map.class);
        assertEquals(Boolean.TRUE, verification.get("valid"), "the audit chain verifies: " + verification);

        stopGracefully();
        try (Connection db = openDatabase(); Statement sql = db.createStatement()) {
            assertEquals(List.of(), rows(sql, "select recipient, subject, count(*) from demo_mail group by recipient, subject having count(*) > 1"),
                    "no mail went out twice");
            assertEquals(List.of(), rows(sql, "select case_id, queue, count(*) from review_task group by case_id, queue having count(*) > 1"),
                    "each queue entry was opened once");
            assertEquals(List.of(), rows(sql, "select case_id, action, count(*) from audit_event where actor = 'system'"
                    + " and case_id is not null group by case_id, action having count(*) > 1"), "each step of the system was audited once");
            assertEquals(List.of(), rows(sql, "select count(*) from mail_outbox"), "every mail was delivered");
            for (DemoCase demoCase : List.of(alice, bob, carol)) {
                String id = single(sql, "select id from recovery_case where ticket_ref = '" + demoCase.ticketRef + "'");
                assertEquals("1", single(sql, "select count(*) from case_step where case_id = '" + id + "' and step_key = 'request-evidence'"),
                        demoCase.ticketRef + ": the evidence request is in the ledger once");
                assertEquals("1", single(sql, "select count(*) from demo_mail where subject like '%" + demoCase.ticketRef + "%'"
                        + " and lower(text_body) like '%please upload%'"), demoCase.ticketRef + ": the evidence request was mailed once");
            }
            String aliceId = single(sql, "select id from recovery_case where ticket_ref = '" + alice.ticketRef + "'");
            assertEquals("1", single(sql, "select count(*) from account_reset where case_id = '" + aliceId + "'"), "alice's 2FA was reset once");
            assertEquals("2", single(sql, "select count(*) from demo_mail where subject like 'Your account''s 2FA will be reset at %"
                    + alice.ticketRef + "%'"), "the announcement went once to each of alice's two addresses");
        }
    }

    // ---- the jar -----------------------------------------------------------------------------------------

    /** Packages the demo jar in a child JVM with this test's class path, so no Quarkus state of the suite's JVM is touched. */
    private static Path packageDemoJar(Path target) throws Exception {
        Path log = Files.createDirectories(target).resolve("package.log");
        Process packager = new ProcessBuilder(java(), "-cp", System.getProperty("java.class.path"), DemoJarPackager.class.getName(),
                Path.of("").toAbsolutePath().toString(), target.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!packager.waitFor(5, TimeUnit.MINUTES)) {
            packager.destroyForcibly();
            throw new AssertionError("packaging the demo jar took over 5 minutes; see " + log);
        }
        // the demo build's one jar (application.properties: target/recovery-desk-demo.jar in a normal build)
        Matcher packaged = PACKAGED.matcher(read(log));
        assertTrue(packager.exitValue() == 0 && packaged.find(), "the demo jar was packaged: " + tail(log));
        Path jar = Path.of(packaged.group(1));
        assertEquals("recovery-desk-demo.jar", jar.getFileName().toString(), "the demo build makes its one jar");
        assertTrue(Files.isRegularFile(jar), "the demo jar is at " + jar);
        return jar;
    }

    /** Quarkus' production augmentation with the demo profile, as the quarkus-maven-plugin's build goal runs it. */
    public static final class DemoJarPackager {
        public static void main(String[] args) throws Exception {
            Path project = Path.of(args[0]);
            Properties buildProperties = new Properties();
            buildProperties.setProperty("quarkus.profile", "demo");
            try (CuratedApplication application = QuarkusBootstrap.builder()
                    .setApplicationRoot(project.resolve("target").resolve("classes"))
                    .setProjectRoot(project)
                    .setTargetDirectory(Path.of(args[1]))
                    .setMode(QuarkusBootstrap.Mode.PROD)
                    .setBuildSystemProperties(buildProperties)
                    .setLocalProjectDiscovery(true)
                    .build().bootstrap()) {
                AugmentResult result = application.createAugmentor().createProductionApplication();
                System.out.println("packaged " + result.getJar().getPath().toAbsolutePath());
            }
        }
    }

    private void start(Path jar) throws IOException {
        Path log = workDir.resolve("app-" + (++starts) + ".log");
        // a short cooling-off, as the README's walk-through suggests, so the reset happens within the test
        app = new ProcessBuilder(java(), "-Dquarkus.http.port=0", "-Drecovery.engine.port=0", "-Drecovery.reset.cooling-off=" + COOLING_OFF,
                "-jar", jar.toString())
                .directory(workDir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        int port = Eventually.find("the demo jar listening (" + log + ")", START_WAIT, () -> {
            if (!app.isAlive()) throw new AssertionError("the demo jar exited: " + tail(log));
            Matcher matcher = LISTENING.matcher(read(log));
            return matcher.find() ? Optional.of(Integer.parseInt(matcher.group(1))) : Optional.empty();
        });
        http = new RequestSpecBuilder().setBaseUri("http://127.0.0.1").setPort(port).build();
        Eventually.find("the demo jar ready", START_WAIT, () -> given(http).get("/q/health/ready").statusCode() == 200
                ? Optional.of(true) : Optional.empty());
    }

    private void kill() throws InterruptedException {
        app.destroyForcibly(); // SIGKILL: no shutdown hook, no closing of the database
        assertTrue(app.waitFor(20, TimeUnit.SECONDS), "the killed jar is gone");
    }

    private void stopGracefully() throws InterruptedException {
        app.destroy();
        if (!app.waitFor(30, TimeUnit.SECONDS)) kill();
    }

    /** What the dead JVM left to do, read from its database: commands for the engine, jobs, timers, mails. */
    private Map<String, Long> unfinishedWork() throws SQLException {
        Map<String, Long> work = new LinkedHashMap<>();
        try (Connection db = openDatabase(); Statement sql = db.createStatement()) {
            work.put("outbox commands", Long.parseLong(single(sql, "select count(*) from outbox_command where done_at is null")));
            work.put("jobs activatable", Long.parseLong(single(sql, "select count(*) from engine_job where state = 'ACTIVATABLE'")));
            work.put("jobs activated", Long.parseLong(single(sql, "select count(*) from engine_job where state = 'ACTIVATED'")));
            work.put("mails", Long.parseLong(single(sql, "select count(*) from mail_outbox")));
            work.put("announce-reset jobs", Long.parseLong(single(sql, "select count(*) from engine_job where job_type = 'announce-reset'")));
            work.put("cooling-off timers", Long.parseLong(single(sql, "select count(*) from engine_timer where element_id = 'Event_CoolingOffElapsed'")));
        }
        return work;
    }

    private Connection openDatabase() throws SQLException {
        return DriverManager.getConnection("jdbc:h2:file:" + workDir.resolve("data").resolve("recovery-desk") + H2_OPTIONS, "sa", "");
    }

    // ---- the requester's and the staff's calls --------------------------------------------------------

    private record DemoCase(String email, String ticketRef, String caseToken) {}

    private String requestCode(String email) {
        int earlier = codeMails(email).size();
        given(http).contentType("application/json").body(Map.of("accountEmail", email, "description", "crash test: lost phone"))
                .post("/api/v1/recovery-requests").then().statusCode(202);
        String subject = Eventually.find("a code mailed to " + email, Duration.ofSeconds(20), () -> {
            List<String> codes = codeMails(email);
            return codes.size() > earlier ? Optional.of(codes.get(0)) : Optional.empty();
        });
        Matcher code = CODE.matcher(subject);
        assertTrue(code.find(), subject);
        return code.group(1);
    }

    private DemoCase confirm(String email, String code) {
        Map<String, Object> opened = given(http).contentType("application/json").body(Map.of("accountEmail", email, "code", code))
                .post("/api/v1/recovery-requests/confirmations").then().statusCode(201).extract().as(Map.class);
        return new DemoCase(email, (String) opened.get("ticketRef"), (String) opened.get("caseToken"));
    }

    private DemoCase confirmed(String email) {
        return confirm(email, requestCode(email));
    }

    private void uploadRequiredEvidence(DemoCase demoCase) {
        List<List<String>> required = Eventually.find("evidence requested for " + demoCase.ticketRef, Duration.ofSeconds(30), () -> {
            List<List<String>> anyOf = given(http).auth().oauth2(demoCase.caseToken).get("/api/v1/my-case").then().statusCode(200)
                    .extract().path("requiredEvidence.anyOf");
            return anyOf == null || anyOf.isEmpty() ? Optional.empty() : Optional.of(anyOf);
        });
        for (List<String> requirement : required) {
            String kind = requirement.get(requirement.size() - 1);
            byte[] content = switch (kind) {
                case "SECOND_DOCUMENT" -> EvidenceSamples.pdf();
                case "VIDEO" -> EvidenceSamples.mp4();
                case "SELFIE_WITH_NOTE" -> EvidenceSamples.jpeg(480, 640);
                default -> EvidenceSamples.png(640, 400);
            };
            given(http).auth().oauth2(demoCase.caseToken).multiPart("kind", kind).multiPart("file", "f", content, "application/octet-stream")
                    .post("/api/v1/my-case/evidence").then().statusCode(201);
        }
    }

    private void submit(DemoCase demoCase) {
        given(http).auth().oauth2(demoCase.caseToken).post("/api/v1/my-case/submission").then().statusCode(202);
    }

    private Optional<Boolean> statusIs(DemoCase demoCase, String status) {
        var response = given(http).auth().oauth2(demoCase.caseToken).get("/api/v1/my-case");
        assertEquals(200, response.statusCode(), demoCase.ticketRef + " is still there with its token");
        return status.equals(response.path("status")) ? Optional.of(true) : Optional.empty();
    }

    private String token(String username) {
        return given(http).contentType("application/json").body(Map.of("username", username, "password", "recovery-demo"))
                .post("/api/v1/auth/token").then().statusCode(200).extract().path("accessToken");
    }

    private String agent() {
        return token("agent1");
    }

    private Map<String, Object> openTask(String staffToken, String queue, String ticketRef) {
        return Eventually.find("the " + queue + " task of " + ticketRef, Duration.ofSeconds(30), () -> {
            List<Map<String, Object>> tasks = given(http).auth().oauth2(staffToken).queryParam("queue", queue)
                    .get("/api/v1/review/tasks").then().statusCode(200).extract().path("");
            return tasks.stream().filter(task -> ticketRef.equals(task.get("ticketRef"))).findFirst();
        });
    }

    private List<String> codeMails(String email) {
        return mailsTo(email).stream().filter(subject -> subject.startsWith("Your Recovery Desk code")).toList();
    }

    private List<String> mailsTo(String email) {
        return given(http).queryParam("to", email).get("/api/v1/demo/mailbox").then().statusCode(200).extract().path("subject");
    }

    // ---- plumbing ---------------------------------------------------------------------------------------

    private static List<String> rows(Statement sql, String query) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = sql.executeQuery(query)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) row.append(i > 1 ? " | " : "").append(rs.getString(i));
                if (!(columns == 1 && "0".equals(rs.getString(1)))) rows.add(row.toString());
            }
        }
        return rows;
    }

    private static String single(Statement sql, String query) throws SQLException {
        try (ResultSet rs = sql.executeQuery(query)) {
            assertTrue(rs.next(), "a row for " + query);
            return rs.getString(1);
        }
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String tail(Path file) {
        String text = read(file);
        return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
    }
}
