package com.recoverydesk.admin;

import com.recoverydesk.support.StaffScreen;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The administrator's start page: the engine's state, and the way to the operations view. */
@QuarkusTest
class AdminPagesTest {

    @Test
    void shouldShowTheEngineStateAndLinkTheOperationsView() {
        StaffScreen admin = StaffScreen.open("admin", "/admin");
        given().cookie(admin.session()).accept("text/html").get("/admin").then().statusCode(200)
                .body(containsString("<td id=\"engine-mode\">embedded</td>"))
                .body(containsString("<td id=\"engine-deployed\">yes</td>"))
                .body(matchesPattern("(?s).*<td id=\"outbox-pending\">\\d+</td>.*"))
                .body(containsString("href=\"/admin/processes\""));
    }

    @Test
    void shouldBeAnAdministratorsPageOnly() {
        StaffScreen agent = StaffScreen.open("agent", "/");
        given().cookie(agent.session()).accept("text/html").get("/admin").then().statusCode(403);
        given().redirects().follow(false).accept("text/html").get("/admin")
                .then().statusCode(303).header("Location", containsString("/login?next=%2Fadmin"));
    }
}
