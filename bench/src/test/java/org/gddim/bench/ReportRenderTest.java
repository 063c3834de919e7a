package org.gddim.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;
import org.gddim.bench.ops.SeparatePasses;
import org.junit.jupiter.api.Test;

/** The report's arithmetic and Markdown, on made-up timings (no benchmark is run). */
class ReportRenderTest {
    private static final long N16 = 16_777_216L;

    @Test
    void ratiosMarksAndTablesAreWellFormed() {
        Map<Measurements.Key, Measurements.Cell> cells = new HashMap<>();
        for (long n : new long[] {1_048_576L, N16}) {
            for (int k = 1; k <= 4; k++) {
                double triad = 1e-3 * SeparatePasses.fusedBytes(k) * n / 20.0; // 20 GB/s, in µs
                cells.put(new Measurements.Key(Measurements.Op.TRIAD, n, k), new Measurements.Cell(triad, triad * 0.01, 5));
                // fused at 95 % of triad for k != 4, 80 % for k = 4
                double fused = triad / (k == 4 ? 0.80 : 0.95);
                cells.put(new Measurements.Key(Measurements.Op.FUSED_NATIVE, n, k), new Measurements.Cell(fused, fused * 0.01, 5));
                cells.put(new Measurements.Key(Measurements.Op.FUSED_JAVA, n, k), new Measurements.Cell(fused * 30, Double.NaN, 1));
                // separate passes at the triad's bandwidth counting write-allocate bytes
                double sep = 1e-3 * SeparatePasses.traffic(k).bytesWithWriteAllocate() * n / 20.0;
                cells.put(new Measurements.Key(Measurements.Op.SEPARATE, n, k), new Measurements.Cell(sep, sep * 0.01, 5));
            }
        }
        Report.Settings s = Report.Settings.parse(new String[] {"docs/benchmarks.md"});
        Machine m = new Machine("Test CPU", 2, "8.0 GiB", "L1d 32 KiB, L3 16 MiB", "16 MiB", "x86-64-v3",
                "`abc1234`");
        String doc = ReportMarkdown.render(s, cells, m, ZonedDateTime.of(2026, 1, 2, 3, 4, 0, 0, ZoneOffset.UTC));

        assertFalse(doc.contains("SMOKE"), "default settings are not a smoke run");
        assertTrue(doc.contains("(what `make bench` runs)"));
        assertTrue(doc.contains("| Commit | `abc1234` |"));
        assertTrue(doc.contains("| 95 ± 1 % **pass** | 95 ± 1 % **pass** | 95 ± 1 % **pass** | 80 ± 1 % **miss** |"), doc);
        // k = 1: 80 B incl. write-allocate / (12 B at 95 %) = 6.33x; k = 2: 92 / 16 * 0.95 = 5.46x
        assertTrue(doc.contains("| separate passes ≥ 6× slower than native fused | 6.33× ± 0.09 **pass** | 5.46× ± 0.08 **miss** |"),
                doc);
        assertEquals(ReportMarkdown.mark(5.9, 0.2, 6.0), "**miss** *(within error)*");

        for (String line : doc.split("\n")) {
            if (line.startsWith("| op |") || line.startsWith("| target |")) {
                assertEquals(6, line.chars().filter(c -> c == '|').count(), line);
            }
            if (line.startsWith("|") && !line.startsWith("| |") && !line.startsWith("|---")) {
                long bars = line.chars().filter(c -> c == '|').count();
                assertTrue(bars == 3 || bars == 4 || bars == 6 || bars == 10, "unexpected column count: " + line);
            }
        }
    }
}
