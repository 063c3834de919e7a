package org.gddim.quality;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.gddim.io.Plots;

/** Markdown tables, derived NFE comparisons and plot lines of a {@link PaperStudy}'s results. */
public final class StudyReport {
    private StudyReport() {}

    /** One table: a row per method (label), a column per NFE, cells from {@code metric}; NaN cells print "—". */
    public static String table(String title, List<String> labels, List<double[]> values, int[] nfe) {
        StringBuilder sb = new StringBuilder("**").append(title).append("**\n\n| method |");
        for (int n : nfe) {
            sb.append(" NFE ").append(n).append(" |");
        }
        sb.append("\n|---|").append("---:|".repeat(nfe.length)).append('\n');
        for (int r = 0; r < labels.size(); r++) {
            sb.append("| ").append(labels.get(r)).append(" |");
            for (double v : values.get(r)) {
                sb.append(Double.isNaN(v) ? " — |" : String.format(Locale.ROOT, " %.2e |", v));
            }
            sb.append('\n');
        }
        return sb.append('\n').toString();
    }

    /** The table of {@code metric} over the rows of one result. */
    public static String table(String title, DistributionStudy.Result r, Function<DistributionStudy.Row, double[]> metric,
            boolean deterministicOnly) {
        List<String> labels = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        for (DistributionStudy.Row row : r.rows()) {
            double[] v = metric.apply(row);
            if (deterministicOnly && java.util.Arrays.stream(v).allMatch(Double::isNaN)) {
                continue;
            }
            labels.add(row.method());
            values.add(v);
        }
        return table(title, labels, values, r.nfe());
    }

    public static DistributionStudy.Row row(DistributionStudy.Result r, String method) {
        return r.rows().stream().filter(x -> x.method().equals(method)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no row " + method));
    }

    /**
     * The NFE at which {@code row}'s FD first falls to {@code target}, interpolated linearly in log NFE and log FD
     * between the two budgets around it; NaN if it never does within the budgets run.
     */
    public static double nfeToReach(DistributionStudy.Row row, int[] nfe, double target) {
        double[] fd = row.fd();
        for (int i = 0; i < nfe.length; i++) {
            if (fd[i] <= target) {
                if (i == 0) {
                    return nfe[0];
                }
                double x0 = Math.log(nfe[i - 1]);
                double x1 = Math.log(nfe[i]);
                double y0 = Math.log(fd[i - 1]);
                double y1 = Math.log(fd[i]);
                return Math.exp(x0 + (Math.log(target) - y0) * (x1 - x0) / (y1 - y0));
            }
        }
        return Double.NaN;
    }

    /** "≈ 37 NFE", or "more than 500 NFE" when the row never reaches the target. */
    public static String reach(DistributionStudy.Row row, int[] nfe, double target) {
        double n = nfeToReach(row, nfe, target);
        return Double.isNaN(n) ? "more than " + nfe[nfe.length - 1] + " NFE" : String.format(Locale.ROOT, "≈ %.0f NFE", n);
    }

    /** Plot lines of {@code metric} per row (non-positive and NaN points dropped), plus an optional floor line. */
    public static List<Plots.Line> lines(DistributionStudy.Result r, Function<DistributionStudy.Row, double[]> metric,
            String prefix, double floor) {
        List<Plots.Line> out = new ArrayList<>();
        for (DistributionStudy.Row row : r.rows()) {
            double[] v = metric.apply(row);
            List<double[]> pts = new ArrayList<>();
            for (int i = 0; i < v.length; i++) {
                if (!Double.isNaN(v[i]) && v[i] > 0) {
                    pts.add(new double[] {r.nfe()[i], v[i]});
                }
            }
            if (!pts.isEmpty()) {
                out.add(new Plots.Line(prefix + row.method(), pts.stream().mapToDouble(p -> p[0]).toArray(),
                        pts.stream().mapToDouble(p -> p[1]).toArray()));
            }
        }
        if (floor > 0) {
            int[] nfe = r.nfe();
            out.add(new Plots.Line("floor (" + r.samples() + " exact samples)", new double[] {nfe[0], nfe[nfe.length - 1]},
                    new double[] {floor, floor}));
        }
        return out;
    }
}
