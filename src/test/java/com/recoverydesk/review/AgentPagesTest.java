package com.recoverydesk.review;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.recoverydesk.support.StaffScreen;
import com.recoverydesk.support.TestCases;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The agent's review queue screen: cases due first at the top, claimed once, by one agent. */
@QuarkusTest
class AgentPagesTest {

    @Test
    void shouldListTheQueueAndLetOneAgentClaimACase() {
        String ticketRef = TestCases.inReview(OffsetDateTime.now(ZoneOffset.UTC).minusHours(1), "MEDIUM");

        StaffScreen agent1 = StaffScreen.open("agent", "/agent");
        String page = agent1.get("/agent");
        assertTrue(page.contains(ticketRef), "the case is in the queue");
        assertTrue(page.contains("overdue"), "a case past its due time is marked");

        Response claimed = agent1.post(claimAction(page, ticketRef), Map.of());
        claimed.then().statusCode(303).header("Location", containsString("/agent/cases/"));
        given().cookie(agent1.session()).accept("text/html").get(claimed.header("Location"))
                .then().statusCode(200).body(containsString("You claimed the case."), containsString(ticketRef));

        // the same case, as another agent sees it: no longer claimable, and a forged claim is refused readably
        String asAgent2 = given().cookie(new io.restassured.http.Cookie.Builder(com.recoverydesk.web.SessionCookie.NAME,
                        com.recoverydesk.support.TestTokens.signIn("agent2")).build())
                .accept("text/html").get("/agent").then().statusCode(200).extract().asString();
        assertTrue(asAgent2.contains(ticketRef));
        assertTrue(!asAgent2.contains(claimAction(page, ticketRef)), "no claim button on a claimed case");
    }

    @Test
    void shouldShowSupervisorsTheirOwnQueueAndRefuseClaimsOnTheAgentsOne() {
        String ticketRef = TestCases.inReview(OffsetDateTime.now(ZoneOffset.UTC).plusHours(8), "MEDIUM");
        StaffScreen supervisor = StaffScreen.open("supervisor", "/supervisor");
        String page = supervisor.get("/supervisor");
        assertTrue(page.contains("Approval queue"));
        assertTrue(!page.contains(ticketRef), "a case in review is not in the approval queue");
        String agentPage = StaffScreen.open("agent", "/agent").get("/agent");
        String reviewTaskClaim = claimAction(agentPage, ticketRef).replace("/agent/", "/supervisor/");
        supervisor.post(reviewTaskClaim, Map.of()).then().statusCode(404).body(containsString("No such task in your queue."));
    }

    @Test
    void shouldKeepTheQueueFromRolesThatDoNotReview() {
        given().redirects().follow(false).accept("text/html").get("/agent")
                .then().statusCode(303).header("Location", containsString("/login?next=%2Fagent"));
        given().auth().oauth2(com.recoverydesk.support.TestTokens.forRole("manager")).get("/agent").then().statusCode(403);
        given().auth().oauth2(com.recoverydesk.support.TestTokens.forRole("compliance")).get("/agent").then().statusCode(403);
        // small desks let supervisors review: the review queue is theirs too
        given().auth().oauth2(com.recoverydesk.support.TestTokens.forRole("supervisor")).get("/agent").then().statusCode(200);
    }

    private static String claimAction(String page, String ticketRef) {
        int row = page.indexOf(ticketRef);
        Matcher action = Pattern.compile("action=\"(/agent/tasks/[^\"]+/claim)\"").matcher(page);
        assertTrue(action.find(row), "a claim button for " + ticketRef);
        return action.group(1);
    }
}
