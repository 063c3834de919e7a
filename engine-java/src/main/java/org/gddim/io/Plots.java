package org.gddim.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** PNG plots through XChart, written atomically. */
public final class Plots {
    private Plots() {}

    /** One named line of a log-log plot. */
    public record Line(String name, double[] x, double[] y) {}

    /** Scatter plot of 2-D points {@code xy} ((n, 2) row-major), at most {@code max} of them. */
    public static void scatter(Path file, String title, float[] xy, int max) throws IOException {
        int n = Math.min(xy.length / 2, max);
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = xy[2 * i];
            y[i] = xy[2 * i + 1];
        }
        XYChart chart = new XYChartBuilder().width(720).height(720).title(title).xAxisTitle("x0").yAxisTitle("x1").build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setMarkerSize(3);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.addSeries("samples", x, y).setMarker(SeriesMarkers.CIRCLE);
        save(file, chart);
    }

    /** Log-log line plot, e.g. error against NFE. */
    public static void logLog(Path file, String title, String xTitle, String yTitle, List<Line> lines) throws IOException {
        XYChart chart = new XYChartBuilder().width(900).height(600).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        for (Line line : lines) {
            chart.addSeries(line.name(), line.x(), line.y());
        }
        save(file, chart);
    }

    private static void save(Path file, XYChart chart) throws IOException {
        java.awt.image.BufferedImage image = BitmapEncoder.getBufferedImage(chart);
        AtomicFiles.write(file, out -> {
            if (!javax.imageio.ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer available in this JDK");
            }
        });
    }
}
