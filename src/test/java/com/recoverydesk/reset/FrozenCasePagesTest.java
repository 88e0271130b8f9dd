package com.recoverydesk.reset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.recoverydesk.support.StaffScreen;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The supervisors' frozen-case screen refuses a reopening without a good note or for a case that is not frozen. */
@QuarkusTest
class FrozenCasePagesTest {

    @Test
    void shouldRefuseAReopeningWithoutANoteAndOfACaseThatIsNotThere() {
        StaffScreen supervisor = StaffScreen.open("supervisor", "/supervisor/frozen-cases");
        assertTrue(supervisor.get("/supervisor/frozen-cases").contains("<h1>Frozen cases</h1>"));

        Response noNote = supervisor.post("/supervisor/frozen-cases/no-such-case/reopening", Map.of("note", " "));
        assertEquals(400, noNote.statusCode());
        assertTrue(noNote.asString().contains("Say in a note"), noNote.asString());

        Response unknown = supervisor.post("/supervisor/frozen-cases/no-such-case/reopening", Map.of("note", "Spoke to the customer by phone."));
        assertEquals(404, unknown.statusCode());
        assertTrue(unknown.asString().contains("No such case"), unknown.asString());
    }
}
