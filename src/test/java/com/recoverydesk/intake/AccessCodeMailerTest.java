package com.recoverydesk.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** A full backlog drops a code and counts it, so that a flood of filings shows in the metrics and not as a log line per code. */
class AccessCodeMailerTest {

    @Test
    void shouldCountTheCodesItDropsWhenItsBacklogIsFull() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        // no intake service: nothing here runs long enough for a scheduled mail (200 ms at the earliest) to matter
        AccessCodeMailer mailer = new AccessCodeMailer(null, registry, 3);
        try {
            for (int i = 0; i < 8; i++) {
                mailer.sendLater(new IntakeService.FiledRequest(i, "someone@example.com", "123456", "link", Locale.ENGLISH));
            }
            assertEquals(5.0, registry.get("recovery_access_codes_dropped").counter().count());
        } finally {
            mailer.stop();
        }
    }
}
