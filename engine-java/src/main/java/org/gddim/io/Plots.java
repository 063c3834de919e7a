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

    /**
     * A grid of images: {@code samples} holds (n, C, H, W) values in [lo, hi] (C = 1 grey or 3 RGB), drawn at
     * {@code scale} pixels per pixel, {@code columns} per row, with a 2-pixel gap; values outside the range are clipped.
     */
    public static void imageGrid(Path file, float[] samples, int[] chw, int count, int columns, double lo, double hi,
            int scale) throws IOException {
        AtomicFiles.write(file, imageGridPng(samples, chw, count, columns, lo, hi, scale));
    }

    /** The same grid as PNG bytes. */
    public static byte[] imageGridPng(float[] samples, int[] chw, int count, int columns, double lo, double hi,
            int scale) throws IOException {
        int c = chw[0];
        int h = chw[1];
        int w = chw[2];
        if (c != 1 && c != 3) {
            throw new IllegalArgumentException("an image grid needs 1 or 3 channels, got " + c);
        }
        int rows = (count + columns - 1) / columns;
        int gap = 2;
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(columns * (w * scale + gap) + gap,
                rows * (h * scale + gap) + gap, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = img.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.dispose();
        int per = c * h * w;
        for (int k = 0; k < count; k++) {
            int x0 = gap + (k % columns) * (w * scale + gap);
            int y0 = gap + (k / columns) * (h * scale + gap);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int[] rgb = new int[3];
                    for (int ch = 0; ch < 3; ch++) {
                        float v = samples[k * per + (c == 1 ? 0 : ch) * h * w + y * w + x];
                        rgb[ch] = (int) Math.round(255 * Math.min(1, Math.max(0, (v - lo) / (hi - lo))));
                    }
                    int pixel = (rgb[0] << 16) | (rgb[1] << 8) | rgb[2];
                    for (int dy = 0; dy < scale; dy++) {
                        for (int dx = 0; dx < scale; dx++) {
                            img.setRGB(x0 + x * scale + dx, y0 + y * scale + dy, pixel);
                        }
                    }
                }
            }
        }
        return png(img);
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
        writePng(file, BitmapEncoder.getBufferedImage(chart));
    }

    /**
     * Encodes in memory (ImageIO's file cache off: it needs space in the temp folder and, when it cannot get it,
     * fails with a NullPointerException), then writes the bytes atomically, so a full disk is an IOException naming
     * the file.
     */
    private static void writePng(Path file, java.awt.image.RenderedImage image) throws IOException {
        AtomicFiles.write(file, png(image));
    }

    private static byte[] png(java.awt.image.RenderedImage image) throws IOException {
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.setUseCache(false);
        if (!javax.imageio.ImageIO.write(image, "png", png)) {
            throw new IOException("no PNG writer available in this JDK");
        }
        return png.toByteArray();
    }
}
