package org.wisekit.harness;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/** Charts in the house style (800x500, white, legend inside), ready for {@link Report#plot}. */
public final class Plots {

    private static final int WIDTH = 800;
    private static final int HEIGHT = 500;

    private Plots() {
    }

    /** An empty line/scatter chart; add series with {@code chart.addSeries(name, x, y)}. */
    public static XYChart xy(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        style(chart.getStyler());
        chart.getStyler().setMarkerSize(6);
        return chart;
    }

    /** An empty bar chart; add series with {@code chart.addSeries(name, categories, values)}. */
    public static CategoryChart bars(String title, String xTitle, String yTitle) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        style(chart.getStyler());
        return chart;
    }

    private static void style(Styler styler) {
        styler.setChartBackgroundColor(java.awt.Color.WHITE);
        styler.setLegendPosition(Styler.LegendPosition.InsideNW);
        styler.setAntiAlias(true);
    }
}
