package com.recoverydesk.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The server-drawn chart: bars scaled to a round axis, ticks at their values, every figure in its text. */
class ChartViewTest {

    @Test
    void shouldScaleTheAxisToTheNextRoundNumber() {
        assertEquals(1, ChartView.niceCeiling(1));
        assertEquals(5, ChartView.niceCeiling(3));
        assertEquals(10, ChartView.niceCeiling(7));
        assertEquals(200, ChartView.niceCeiling(101));
        assertEquals(1_000_000, ChartView.niceCeiling(999_999));
    }

    @Test
    void shouldDrawBarsInProportionAndTellTheFiguresInWords() {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("IN_REVIEW", 4L);
        counts.put("FROZEN", 1L);
        counts.put("COOLING_OFF", 0L);
        ChartView chart = ChartView.simple("c", "Open cases by stage", "cases", counts);
        assertEquals(3, chart.bars().size());
        assertEquals(4 * chart.bars().get(1).height(), chart.bars().get(0).height(), 0.2, "4 against 1, on an axis up to 5");
        assertEquals(0, chart.bars().get(2).height());
        assertEquals("Open cases by stage. IN_REVIEW: 4 cases; FROZEN: 1 cases; COOLING_OFF: 0 cases.", chart.description());
        assertEquals(List.of(0L, 2L, 5L), chart.ticks().stream().map(ChartView.Tick::value).toList());
        double zero = chart.ticks().get(0).y();
        double five = chart.ticks().get(2).y();
        assertEquals(zero - (zero - five) * 2 / 5, chart.ticks().get(1).y(), 0.1, "the tick of 2 sits at 2, not half-way");
        assertTrue(chart.rows().contains(new ChartView.Row("FROZEN", List.of(1L))));
    }

    @Test
    void shouldLeaveOutAMiddleTickThatWouldRoundToZero() {
        ChartView chart = ChartView.simple("c", "Outcomes", "cases", Map.of("RECOVERED", 1L));
        assertEquals(List.of(0L, 1L), chart.ticks().stream().map(ChartView.Tick::value).toList());
    }
}
