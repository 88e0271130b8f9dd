package com.recoverydesk.sla;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A bar chart laid out on the server, for the template to draw as SVG: no script, every figure also
 * in the chart's text alternative ({@code description}) and in a table beside it.
 *
 * @param id          the element id prefix (title and description ids derive from it)
 * @param title       what the chart shows
 * @param description the figures in words, for screen readers
 * @param series      the legend: one entry per series, with its colour
 */
public record ChartView(String id, String title, String description, int width, int height, List<Series> series, List<Bar> bars,
                        List<Label> labels, List<Tick> ticks, List<String> columns, List<Row> rows) {

    public record Series(String name, String colour, int x, int labelX) {}

    public record Bar(double x, double y, double width, double height, String colour, String text) {}

    public record Label(double x, double y, String text) {}

    public record Tick(double y, long value) {}

    /** A line of the table beside the chart: the category and one value per series. */
    public record Row(String category, List<Long> values) {}

    private static final int WIDTH = 640;
    private static final int HEIGHT = 240;
    private static final int LEFT = 40;
    private static final int BOTTOM = 40;
    private static final int TOP = 28;
    private static final String[] COLOURS = {"#1f4e8c", "#2f8a4f", "#b86e00", "#a8323a", "#6b5ca5"};

    /** One bar per category and series, grouped by category; {@code values.get(c).get(s)} is category c's value of series s. */
    static ChartView grouped(String id, String title, List<String> seriesNames, List<String> categories, List<List<Long>> values) {
        long max = Math.max(1, values.stream().flatMap(List::stream).mapToLong(Long::longValue).max().orElse(1));
        long top = niceCeiling(max);
        double plotWidth = WIDTH - LEFT - 10;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        double slot = plotWidth / Math.max(1, categories.size());
        double barWidth = Math.max(2, (slot * 0.8) / seriesNames.size());
        List<Bar> bars = new ArrayList<>();
        List<Label> labels = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        StringBuilder words = new StringBuilder();
        for (int c = 0; c < categories.size(); c++) {
            double x0 = LEFT + c * slot + slot * 0.1;
            List<Long> row = values.get(c);
            for (int s = 0; s < seriesNames.size(); s++) {
                long v = row.get(s);
                double h = plotHeight * v / top;
                bars.add(new Bar(round(x0 + s * barWidth), round(TOP + plotHeight - h), round(barWidth - 1), round(h),
                        COLOURS[s % COLOURS.length], categories.get(c) + ": " + v + " " + seriesNames.get(s)));
            }
            labels.add(new Label(round(LEFT + c * slot + slot / 2), HEIGHT - BOTTOM + 16, categories.get(c)));
            rows.add(new Row(categories.get(c), row));
            words.append(c == 0 ? "" : "; ").append(categories.get(c)).append(": ");
            for (int s = 0; s < seriesNames.size(); s++) {
                words.append(s == 0 ? "" : ", ").append(row.get(s)).append(' ').append(seriesNames.get(s));
            }
        }
        // the middle tick at its own value's height: half of 5 is written 2, and drawn at 2
        long middle = top / 2;
        List<Tick> ticks = middle == 0 ? List.of(new Tick(TOP + plotHeight, 0), new Tick(TOP, top))
                : List.of(new Tick(TOP + plotHeight, 0), new Tick(round(TOP + plotHeight - plotHeight * middle / top), middle), new Tick(TOP, top));
        List<Series> legend = new ArrayList<>();
        for (int s = 0; s < seriesNames.size(); s++) {
            legend.add(new Series(seriesNames.get(s), COLOURS[s % COLOURS.length], LEFT + s * 140, LEFT + s * 140 + 18));
        }
        return new ChartView(id, title, title + ". " + (categories.isEmpty() ? "No data." : words + "."), WIDTH, HEIGHT, legend, bars, labels,
                ticks, seriesNames, rows);
    }

    /** One series: a bar per entry of {@code counts}, in its order. */
    static ChartView simple(String id, String title, String seriesName, Map<String, Long> counts) {
        List<String> categories = new ArrayList<>(counts.keySet());
        List<List<Long>> values = categories.stream().map(c -> List.of(counts.get(c))).toList();
        return grouped(id, title, List.of(seriesName), categories, values);
    }

    /** The axis' top: the next 1, 2 or 5 × 10ⁿ at or above the largest value. */
    static long niceCeiling(long max) {
        long magnitude = 1;
        while (magnitude * 10 <= max) {
            magnitude *= 10;
        }
        for (long step : new long[] {1, 2, 5, 10}) {
            if (step * magnitude >= max) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
