package com.recoverydesk.sla;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.recoverydesk.cases.CaseStatus;
import com.recoverydesk.cases.RecoveryCase;
import com.recoverydesk.review.ReviewDecision;
import com.recoverydesk.review.ReviewTask;
import com.recoverydesk.review.TaskQueue;
import com.recoverydesk.support.StaffScreen;
import com.recoverydesk.support.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every dashboard figure against a fixture counted by hand, in a database of its own (the profile
 * points the service at {@code <test database>_dashboard}, emptied at start), with the breach watch
 * off so that the only breaches are the fixture's.
 */
@QuarkusTest
@TestProfile(SlaDashboardTest.OwnDatabase.class)
class SlaDashboardTest {

    public static class OwnDatabase implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String base = System.getenv().getOrDefault("RECOVERY_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/test");
            String user = System.getenv().getOrDefault("RECOVERY_TEST_DB_USER", "postgres");
            int query = base.indexOf('?');
            String server = base.substring(0, base.lastIndexOf('/', query < 0 ? base.length() : query) + 1);
            String name = base.substring(server.length(), query < 0 ? base.length() : query) + "_dashboard";
            try (Connection c = DriverManager.getConnection(server + "postgres", user, ""); Statement s = c.createStatement()) {
                s.execute("create database " + name);
            } catch (SQLException e) {
                if (!"42P04".equals(e.getSQLState())) { // already there from an earlier run: flyway empties it
                    throw new IllegalStateException("cannot create the dashboard test database", e);
                }
            }
            return Map.of("quarkus.datasource.jdbc.url", server + name + (query < 0 ? "" : base.substring(query)),
                    "recovery.sla.watch-every", "off");
        }
    }

    /** The fixture's times are hours from now, so the screens and the metrics (on the wall clock) see the same figures. */
    private static final OffsetDateTime NOW = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    private static final List<OffsetDateTime> OPENED = new java.util.ArrayList<>();
    private static final List<OffsetDateTime> CLOSED = new java.util.ArrayList<>();

    @Inject
    SlaService sla;

    @Inject
    SummarySnapshot snapshot;

    private static Map<String, String> ids;

    @BeforeAll
    static void fixture() {
        ids = QuarkusTransaction.requiringNew().call(SlaDashboardTest::write);
    }

    /** The API and the page answer from the snapshot: one computed over the fixture, not one from before it was written. */
    @BeforeEach
    void freshSnapshot() {
        snapshot.refresh();
    }

    /** Five open cases and five closed ones, with their queue entries, clocks, decisions and one breach each of two kinds. */
    private static Map<String, String> write() {
        String a1 = kase(CaseStatus.AWAITING_EVIDENCE, hours(-2), null);
        String a2 = kase(CaseStatus.IN_REVIEW, hours(-30), null);
        String a3 = kase(CaseStatus.IN_REVIEW, days(-4), null);
        String a4 = kase(CaseStatus.AWAITING_APPROVAL, days(-10), null);
        String a5 = kase(CaseStatus.FROZEN, days(-5), null);
        String c1 = kase(CaseStatus.RECOVERED, days(-6), days(-2));
        String c2 = kase(CaseStatus.REJECTED, days(-20), days(-10));
        String c3 = kase(CaseStatus.EXPIRED, days(-9), days(-1));
        String c4 = kase(CaseStatus.WITHDRAWN, hours(-3), hours(-1));
        String c5 = kase(CaseStatus.RECOVERED, days(-40), days(-35));

        task(a2, TaskQueue.REVIEW, hours(2), "agent1", null);          // due within 4 h
        task(a3, TaskQueue.REVIEW, hours(-1), null, null);             // past due
        task(a4, TaskQueue.APPROVAL, hours(10), "supervisor1", null);
        task(c3, TaskQueue.REVIEW, hours(-5), "agent2", null);         // a closed case's entry: never counted
        decision(c1, TaskQueue.REVIEW, "agent1", "APPROVE", days(-5));
        decision(c1, TaskQueue.APPROVAL, "supervisor1", "APPROVE", days(-3));
        decision(c2, TaskQueue.REVIEW, "agent1", "REJECT", days(-12));
        decision(a3, TaskQueue.REVIEW, "agent2", "REQUEST_MORE_INFO", days(-2));
        decision(c5, TaskQueue.REVIEW, "agent2", "APPROVE", days(-39)); // older than 30 days

        // first responses (business seconds) 600, 1800, 3600, 5400, 7200 in the window; resolutions 18000, 36000, 72000
        clock(a2, hours(-29), 600L, null, null, CaseSla.State.RUNNING, days(2));
        clock(a3, days(-4), null, null, null, CaseSla.State.RUNNING, NOW.minusMinutes(30)); // running past its resolution target
        clock(a4, days(-9), 5400L, null, null, CaseSla.State.RUNNING, days(1));
        clock(a5, hours(-108), 1800L, days(-4), 18000L, CaseSla.State.STOPPED, days(-3));
        clock(c1, days(-5), 3600L, days(-3), 36000L, CaseSla.State.STOPPED, days(-3).minusHours(1));
        clock(c2, days(-15), 7200L, days(-12), 72000L, CaseSla.State.STOPPED, days(-11));
        clock(c5, days(-39), 900L, days(-36), 9000L, CaseSla.State.STOPPED, days(-35));
        breach(c1, SlaBreach.Kind.RESOLUTION, days(-3).minusHours(1));
        breach(a3, SlaBreach.Kind.REVIEW, hours(-1));
        return Map.of("a1", a1, "a2", a2, "a3", a3, "c1", c1, "c4", c4);
    }

    @Test
    void shouldCountEveryFigureOfTheFixture() {
        SlaSummary s = snapshot.refresh();
        assertEquals(Map.of("AWAITING_EVIDENCE", 1L, "IN_REVIEW", 2L, "AWAITING_APPROVAL", 1L, "FROZEN", 1L), s.backlogByStatus(),
                "closed cases are not in the backlog");
        assertEquals(5, s.backlogTotal());
        assertEquals(List.of(1L, 1L, 2L, 1L), List.copyOf(s.ageing().values()));
        assertEquals(List.of("under 1 day", "1 to 3 days", "3 to 7 days", "over 7 days"), List.copyOf(s.ageing().keySet()));
        assertEquals(days(-10).toInstant(), s.oldestOpenCaseSince().toInstant());
        assertEquals(Map.of("REVIEW", 2L, "APPROVAL", 1L), s.openTasks(), "the expired case's leftover entry does not count");
        assertEquals(Map.of("REVIEW", 1L), s.breachedTasks());
        assertEquals(Map.of("REVIEW", 1L), s.dueSoon());
        assertEquals(1, s.resolutionBreachedNow());
        assertEquals(2, s.openedLast24h());
        assertEquals(Map.of("RECOVERED", 1L, "EXPIRED", 1L, "WITHDRAWN", 1L), s.closedLast7dByOutcome());
        assertEquals(Map.of("RECOVERED", 1L, "REJECTED", 1L, "EXPIRED", 1L, "WITHDRAWN", 1L, "FROZEN", 1L), s.outcomes30d());

        assertEquals(new SlaSummary.BreachRate(2, 1, 50.0, Map.of("RESOLUTION", 1L, "REVIEW", 1L)), s.breaches7d());
        assertEquals(new SlaSummary.BreachRate(3, 1, 33.3, Map.of("RESOLUTION", 1L, "REVIEW", 1L)), s.breaches30d());
        assertEquals(new SlaSummary.Times(5, 3600L, 6480L), s.firstResponse(), "percentile_cont: 5400 + 0.6 × 1800");
        assertEquals(new SlaSummary.Times(3, 36000L, 64800L), s.resolution(), "36000 + 0.8 × 36000");

        assertEquals(14, s.perDay().size());
        // the last day is the day the figures were computed (UTC), which is NOW's unless midnight passed in between
        java.time.LocalDate today = s.asOf().withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
        assertEquals(today, s.perDay().get(13).day());
        // which day a fixture time falls on depends on the hour the test runs; the 14 days hold 8 filings and 4 closings
        long[] filed = perDay(OPENED, today);
        long[] closed = perDay(CLOSED, today);
        assertEquals(8, java.util.Arrays.stream(filed).sum());
        assertEquals(4, java.util.Arrays.stream(closed).sum());
        for (int i = 0; i < 14; i++) {
            assertEquals(filed[i], s.perDay().get(i).filed(), "filed on " + s.perDay().get(i).day());
            assertEquals(closed[i], s.perDay().get(i).closed(), "closed on " + s.perDay().get(i).day());
        }

        assertEquals(List.of(
                new SlaSummary.AgentLoad("agent1", 1, Map.of("APPROVE", 1L, "REJECT", 1L)),
                new SlaSummary.AgentLoad("agent2", 0, Map.of("REQUEST_MORE_INFO", 1L)),
                new SlaSummary.AgentLoad("supervisor1", 1, Map.of("APPROVE", 1L))), s.agents());
    }

    @Test
    void shouldAnswerTheSummaryToManagersOnly() {
        given().auth().oauth2(TestTokens.forRole("manager")).get("/api/v1/sla/summary").then().statusCode(200)
                .body("backlogByStatus.IN_REVIEW", equalTo(2)).body("openTasks.APPROVAL", equalTo(1))
                .body("outcomes30d.FROZEN", equalTo(1)).body("perDay.size()", equalTo(14));
        given().auth().oauth2(TestTokens.forRole("agent")).get("/api/v1/sla/summary").then().statusCode(403);
        given().get("/api/v1/sla/summary").then().statusCode(401);
        given().auth().oauth2(TestTokens.forRole("agent")).accept("text/csv").get("/api/v1/sla/cases").then().statusCode(403);
    }

    @Test
    void shouldExportTheFiguresAsPrometheusMetrics() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String line : List.of("recovery_sla_backlog_cases{status=\"IN_REVIEW\"} 2.0", "recovery_sla_backlog_cases{status=\"FROZEN\"} 1.0",
                "recovery_sla_queue_entries{queue=\"REVIEW\"} 2.0", "recovery_sla_queue_past_due{queue=\"REVIEW\"} 1.0",
                "recovery_sla_queue_past_due{queue=\"APPROVAL\"} 0.0", "recovery_sla_resolution_past_due_cases 1.0")) {
            assertTrue(metrics.contains(line), line + " in " + metrics.lines().filter(l -> l.startsWith("recovery_sla")).toList());
        }
    }

    @Test
    void shouldExportTheCasesOfAPeriodAsCsvAndJson() {
        String from = days(-7).toString();
        String to = NOW.toString();
        String csv = given().auth().oauth2(TestTokens.forRole("manager")).accept("text/csv")
                .queryParam("from", from).queryParam("to", to).get("/api/v1/sla/cases")
                .then().statusCode(200).contentType(containsString("text/csv"))
                .header("Content-Disposition", containsString("attachment")).extract().asString();
        List<String> lines = List.of(csv.split("\r\n"));
        assertEquals(String.join(",", SlaCaseView.CSV_HEADER), lines.get(0));
        // opened in the last 7 days: a1, a2, a3, a5, c1, c4 (a4, c2, c3, c5 before)
        assertEquals(7, lines.size(), csv);
        String c1 = lines.stream().filter(l -> l.startsWith(ids.get("c1"))).findFirst().orElseThrow();
        assertTrue(c1.contains(",RECOVERED,") && c1.contains(",STOPPED,") && c1.endsWith(",36000,RESOLUTION"), c1);
        String a1 = lines.stream().filter(l -> l.startsWith(ids.get("a1"))).findFirst().orElseThrow();
        assertTrue(a1.endsWith(",,,,,,,,,") && !a1.endsWith(",,,,,,,,,,"), "no clock before the evidence reaches the desk: " + a1);

        given().auth().oauth2(TestTokens.forRole("manager")).accept("application/json").queryParam("from", from).queryParam("to", to)
                .get("/api/v1/sla/cases").then().statusCode(200).body("size()", equalTo(6))
                .body("find { it.caseId == '" + ids.get("a3") + "' }.breaches", equalTo(List.of("REVIEW")));
        given().auth().oauth2(TestTokens.forRole("manager")).queryParam("from", "last week").get("/api/v1/sla/cases")
                .then().statusCode(400).contentType(containsString("application/problem+json")).body("detail", containsString("from must be"));
        given().auth().oauth2(TestTokens.forRole("manager")).queryParam("from", to).queryParam("to", from).get("/api/v1/sla/cases")
                .then().statusCode(400);
        given().auth().oauth2(TestTokens.forRole("manager")).queryParam("from", "2025-01-01").queryParam("to", "2026-01-01")
                .get("/api/v1/sla/cases").then().statusCode(400).body("detail", containsString("at most 92 days"));
    }

    @Test
    void shouldDrawTheDashboardWithChartsAndAccessibleText() {
        StaffScreen manager = StaffScreen.open("manager", "/manager");
        String page = manager.get("/manager");
        assertTrue(page.contains("<meta http-equiv=\"refresh\" content=\"60\">"), "the page refreshes itself");
        assertTrue(page.contains("<strong>5</strong> open"), "the backlog");
        assertTrue(page.contains("50.0 %") && page.contains("33.3 %"), "the breach rates");
        assertTrue(page.contains("1 h 00 min") && page.contains("10 h 00 min") && page.contains("18 h 00 min"), "medians and p90");
        assertTrue(page.contains("role=\"img\"") && page.contains("aria-labelledby=\"chart-per-day-title chart-per-day-desc\""));
        assertTrue(page.contains("<desc id=\"chart-backlog-desc\">Open cases by stage. AWAITING_EVIDENCE: 1 cases; IN_REVIEW: 2 cases;"), page);
        assertTrue(page.contains("<th scope=\"row\">FROZEN</th><td>1</td>"), "the figures as a table too");
        assertTrue(page.contains("<td>agent2</td><td>0</td><td>REQUEST_MORE_INFO 1</td>"), "the agents' load");
        // a browser's link asks for text/html first and */* after
        String csv = given().cookie(manager.session()).accept("text/html,application/xhtml+xml,*/*;q=0.8")
                .queryParam("from", LocalDate.now(ZoneOffset.UTC).minusDays(60).toString())
                .queryParam("to", LocalDate.now(ZoneOffset.UTC).plusDays(1).toString())
                .get("/manager/cases.csv").then().statusCode(200).extract().asString();
        assertTrue(csv.startsWith("caseId,ticketRef") && csv.contains(ids.get("c4")), "the screen's download link");
    }

    /** In a real browser, signed in as manager1: the charts draw, their text is there for a screen reader; the screenshot of docs/screens. */
    @Test
    void shouldShowTheDashboardInABrowser() throws java.io.IOException {
        org.openqa.selenium.chrome.ChromeDriver browser = com.recoverydesk.support.Browser.open();
        try {
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 2000));
            browser.get(root + "login?next=/manager");
            browser.findElement(org.openqa.selenium.By.id("username")).sendKeys("manager1");
            browser.findElement(org.openqa.selenium.By.id("password")).sendKeys("recovery-demo");
            browser.findElement(org.openqa.selenium.By.cssSelector("form[action='/login'] button[type=submit]")).click();
            com.recoverydesk.support.Browser.awaitHeading(browser, "SLA dashboard"::equals);
            List<org.openqa.selenium.WebElement> charts = browser.findElements(org.openqa.selenium.By.cssSelector("figure.chart svg[role=img]"));
            assertEquals(4, charts.size());
            for (org.openqa.selenium.WebElement chart : charts) {
                assertTrue(chart.getSize().getHeight() > 100, "the chart is drawn");
            }
            assertEquals(14 * 2, browser.findElements(org.openqa.selenium.By.cssSelector("#chart-per-day rect[height]")).size() - 2,
                    "two bars a day, plus the legend's two swatches");
            java.nio.file.Path screens = java.nio.file.Files.createDirectories(java.nio.file.Path.of(System.getProperty("screens.dir", "target/screens")));
            java.nio.file.Files.write(screens.resolve("manager-dashboard.png"), browser.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
        } finally {
            browser.quit();
        }
    }

    @io.quarkus.test.common.http.TestHTTPResource("/")
    java.net.URL root;

    private static long[] perDay(List<OffsetDateTime> times, java.time.LocalDate today) {
        long[] counts = new long[14];
        for (OffsetDateTime t : times) {
            long back = java.time.temporal.ChronoUnit.DAYS.between(t.toLocalDate(), today);
            if (back < 14) {
                counts[(int) (13 - back)]++;
            }
        }
        return counts;
    }

    private static OffsetDateTime hours(long h) {
        return NOW.plusHours(h);
    }

    private static OffsetDateTime days(long d) {
        return NOW.plusDays(d);
    }

    private static String kase(CaseStatus status, OffsetDateTime openedAt, OffsetDateTime closedAt) {
        RecoveryCase c = new RecoveryCase();
        c.id = UUID.randomUUID().toString();
        c.ticketRef = "RCV-" + c.id.substring(0, 4).toUpperCase() + "-" + c.id.substring(4, 8).toUpperCase();
        c.accountRef = "ACC-D-" + c.id.substring(0, 8);
        c.status = status;
        c.description = "Lost phone";
        c.riskLevel = "LOW";
        c.openedAt = openedAt;
        c.updatedAt = closedAt == null ? openedAt : closedAt;
        c.closedAt = closedAt;
        c.persist();
        OPENED.add(openedAt);
        if (closedAt != null) {
            CLOSED.add(closedAt);
        }
        return c.id;
    }

    private static ReviewTask task(String caseId, TaskQueue queue, OffsetDateTime dueAt, String assignee, OffsetDateTime completedAt) {
        ReviewTask t = new ReviewTask();
        t.id = UUID.randomUUID().toString();
        t.caseId = caseId;
        t.queue = queue;
        t.round = (int) ReviewTask.count("caseId = ?1 and queue = ?2", caseId, queue);
        t.dueAt = dueAt;
        t.assignee = assignee;
        t.createdAt = dueAt.minusHours(8);
        t.completedAt = completedAt;
        t.persist();
        return t;
    }

    private static void decision(String caseId, TaskQueue queue, String by, String what, OffsetDateTime at) {
        ReviewTask t = task(caseId, queue, at.plusHours(4), by, at);
        ReviewDecision d = new ReviewDecision();
        d.caseId = caseId;
        d.taskId = t.id;
        d.queue = queue;
        d.round = t.round;
        d.decidedBy = by;
        d.decision = what;
        d.checklist = "";
        d.decidedAt = at;
        d.persist();
    }

    private static void clock(String caseId, OffsetDateTime firstResponseAt, Long firstResponseSeconds, OffsetDateTime resolvedAt,
                              Long resolutionSeconds, CaseSla.State state, OffsetDateTime resolutionDueAt) {
        CaseSla s = new CaseSla();
        s.caseId = caseId;
        s.riskLevel = "LOW";
        s.state = state;
        s.startedAt = firstResponseAt.minusSeconds(firstResponseSeconds == null ? 0 : firstResponseSeconds);
        s.runningSince = state == CaseSla.State.RUNNING ? s.startedAt : null;
        s.firstResponseDueAt = s.startedAt.plusHours(24);
        s.firstResponseAt = firstResponseSeconds == null ? null : firstResponseAt;
        s.firstResponseSeconds = firstResponseSeconds;
        s.resolutionDueAt = resolutionDueAt;
        s.resolutionWarningAt = resolutionDueAt.minusHours(6);
        s.resolvedAt = resolvedAt;
        s.resolutionSeconds = resolutionSeconds;
        s.persist();
    }

    private static void breach(String caseId, SlaBreach.Kind kind, OffsetDateTime dueAt) {
        SlaBreach b = new SlaBreach();
        b.caseId = caseId;
        b.kind = kind.name();
        b.round = 0;
        b.riskLevel = "LOW";
        b.dueAt = dueAt;
        b.recordedAt = dueAt.plusSeconds(30);
        b.persist();
    }
}
