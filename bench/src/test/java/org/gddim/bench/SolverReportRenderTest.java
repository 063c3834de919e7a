package org.gddim.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;
import org.gddim.bench.ops.PeerSteps;
import org.gddim.bench.ops.SolverSteps;
import org.junit.jupiter.api.Test;

/** The per-solver section's arithmetic and Markdown on made-up timings (no benchmark is run). */
class SolverReportRenderTest {
    @Test
    void solverSectionIsWellFormed() {
        long n = 16_777_216L;
        Map<String, Measurements.Cell> fused = new HashMap<>();
        Map<String, Measurements.Cell> peer = new HashMap<>();
        for (String name : SolverReport.solvers()) {
            double us = 1e-3 * SolverSteps.of(name).usefulBytes() * n / 25.0; // 25 GB/s
            fused.put(name, new Measurements.Cell(us, us * 0.02, 5));
        }
        for (PeerSteps.Peer p : PeerSteps.Peer.values()) {
            double us = 1e-3 * p.traffic.usefulBytes() * n / 20.0; // 20 GB/s
            peer.put(p.solver, new Measurements.Cell(us, us * 0.02, 5));
        }
        Report.Settings s = Report.Settings.parse(new String[] {"docs/benchmarks.md"});
        Machine m = new Machine("Test CPU", 2, "8.0 GiB", "L3 16 MiB", "16 MiB", "x86-64-v3", "`abc1234`");
        String doc = ReportMarkdown.render(s, Map.of(), fused, peer, m, ZonedDateTime.of(2026, 1, 2, 3, 4, 0, 0, ZoneOffset.UTC));
        assertTrue(doc.contains("## One solver step, engine vs peers (n = 16,777,216 elements)"), doc);
        // DPM-Solver++(2M): engine 12 + 16 = 28 B at 25 GB/s, peer 96 B at 20 GB/s: 96/20 / (28/25) = 4.29x
        assertTrue(doc.contains("| dpmpp2m | 2 | 28 / 32 |"), doc);
        assertTrue(doc.contains("| 10 | 96 / 136 |"), doc);
        assertTrue(doc.contains("**4.29×** ± 0.12 |"), doc);
        assertTrue(doc.contains("| ipndm4 | 1 | 24 / 24 |") && doc.contains("— | — | — | — | — |"), doc);
        for (String line : doc.split("\n")) {
            if (line.startsWith("| dpmpp") || line.startsWith("| solver |")) {
                assertEquals(11, line.chars().filter(c -> c == '|').count(), line);
            }
        }
    }
}
