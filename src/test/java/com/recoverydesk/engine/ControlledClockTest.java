package com.recoverydesk.engine;

import io.camunda.zeebe.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Timers on a clock the test controls: an hour passes when the test says so, not on the wall clock. */
class ControlledClockTest extends EngineTestHelpers {

    private static final ControlledClock CLOCK = new ControlledClock(Instant.parse("2026-01-05T09:00:00Z"));

    @BeforeAll
    static void startEngineOnControlledClock() {
        engine = EmbeddedEngine.start(EngineSettings.defaults().withPort(0).withClock(CLOCK), dataSource());
        client = clientFor(engine.port());
    }

    @AfterAll
    static void stopEngine() {
        if (engine != null) engine.close();
        if (client != null) client.close();
    }

    @Test
    void shouldFireAnHourLongTimerWhenTheClockIsAdvancedByAnHour() {
        String processId = unique("controlled");
        deploy(Bpmn.createExecutableProcess(processId).startEvent()
                .intermediateCatchEvent("Event_Wait").timerWithDuration("PT1H").endEvent().done());
        long instance = start(processId, Map.of()).getProcessInstanceKey();

        CLOCK.advance(Duration.ofMinutes(59));
        assertEquals(List.of("Event_Wait"), waitingElements(instance), "not due after 59 minutes");

        CLOCK.advance(Duration.ofMinutes(1));
        await("the timer fired", Duration.ofSeconds(3), () -> "COMPLETED".equals(instanceState(instance)));
    }
}
