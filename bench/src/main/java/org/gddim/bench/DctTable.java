package org.gddim.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report's table of the 2-D DCT benchmark (bench/ops/Dct2Bench: BDM's basis change on 32 x 32 images), which
 * has no k and so does not fit the per-k tables of {@link Report}: time, GB/s, GFLOP/s per n, and what a step that
 * transformed every operand would cost against BDM's diagonal step in the DCT basis.
 */
final class DctTable {
    private DctTable() {}

    /** Flops per element of the 32 x 32 DCT: 2 (h + w). */
    static final int DCT_FLOPS = 2 * (32 + 32);

    /** The DCT has no k: one column per n, time, GB/s (8 B/elem), GFLOP/s, and what fusing it into the step would cost. */
    static void render(StringBuilder d, Map<Measurements.Key, Measurements.Cell> cells, List<Long> ns) {
        d.append("## 2-D DCT-II (BDM's basis change), 32 x 32 images\n\n| transform |");
        for (long n : ns) {
            d.append(String.format(Locale.ROOT, " n = %,d |", n));
        }
        d.append("\n|---|").append("---:|".repeat(ns.size())).append('\n');
        java.util.function.Function<Measurements.Cell, String> micros = c -> ReportMarkdown.fmt("%.1f", c.us()) + ReportMarkdown.pm("%.1f", c.errUs());
        row(d, "nativeCpu, µs per call", ns, n -> cell(cells, Measurements.Op.DCT_NATIVE, n), micros);
        row(d, "nativeCpu, GB/s (8 B per element)", ns, n -> cell(cells, Measurements.Op.DCT_NATIVE, n), null);
        row(d, "nativeCpu, GFLOP/s (" + DCT_FLOPS + " flops per element)", ns, n -> cell(cells, Measurements.Op.DCT_NATIVE, n),
                null);
        row(d, "javaScalar, µs per call", ns, n -> cell(cells, Measurements.Op.DCT_JAVA, n), micros);
        d.append("| a step that fused DCT, per-frequency update and inverse DCT (k = 2: 5 transforms), "
                + "time / the diagonal step's |");
        for (long n : ns) {
            Measurements.Cell dct = cells.get(new Measurements.Key(Measurements.Op.DCT_NATIVE, n, 0));
            Measurements.Cell diag = cells.get(new Measurements.Key(Measurements.Op.DIAG_NATIVE, n, 2));
            String ratio = dct == null || diag == null ? "—" : ReportMarkdown.fmt("%.1f×", (5 * dct.us() + diag.us()) / diag.us());
            d.append(' ').append(ratio).append(" |");
        }
        d.append("\n\nBDM's state lives in the DCT basis, so a sampling step is the diagonal step alone; the transforms "
                + "run only at the model's edge (two per network call, for a pixel-space network) and once at the "
                + "end. The last row is what the other design, transforming every operand in every step, would "
                + "cost.\n\n");
    }

    private static Measurements.Cell cell(Map<Measurements.Key, Measurements.Cell> cells, Measurements.Op op, long n) {
        return cells.get(new Measurements.Key(op, n, 0));
    }

    private static void row(StringBuilder d, String label, List<Long> ns, java.util.function.LongFunction<Measurements.Cell> get,
            java.util.function.Function<Measurements.Cell, String> text) {
        d.append("| ").append(label).append(" |");
        for (long n : ns) {
            Measurements.Cell c = get.apply(n);
            String v;
            if (c == null) {
                v = "—";
            } else if (text != null) {
                v = text.apply(c);
            } else if (label.contains("GB/s")) {
                v = ReportMarkdown.fmt("%.2f", c.gbps(8.0 * n)) + ReportMarkdown.pm("%.2f", c.gbpsErr(8.0 * n));
            } else {
                v = ReportMarkdown.fmt("%.2f", c.gbps((double) DCT_FLOPS * n)) + ReportMarkdown.pm("%.2f", c.gbpsErr((double) DCT_FLOPS * n));
            }
            d.append(' ').append(v).append(" |");
        }
        d.append('\n');
    }

}
