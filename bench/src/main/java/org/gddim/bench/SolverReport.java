package org.gddim.bench;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gddim.bench.ops.PeerSteps;
import org.gddim.bench.ops.SeparatePasses;
import org.gddim.bench.ops.SolverSteps;
import org.openjdk.jmh.results.RunResult;

/**
 * The per-solver section of docs/benchmarks.md: for each solver, one steady-state grid step as the engine runs it
 * (SolverStepBench: its fused steps, from the real plan) and, where a peer writes it, the same step as separate
 * passes (PeerStepBench: diffusers' schedulers, k-diffusion's Heun), in µs and GB/s at 16 M elements, with the
 * bytes each moves and the peer/engine time ratio.
 */
final class SolverReport {
    private SolverReport() {}

    static final String FUSED = "SolverStepBench.fusedSolverStep";
    static final String PEER = "PeerStepBench.peerSolverStep";

    /** The solver names of the fused benchmark, and those of them that have a peer shape. */
    static List<String> solvers() {
        return SolverSteps.SOLVERS.stream().map(s -> s[0]).toList();
    }

    static List<String> peers(List<String> solvers) {
        return solvers.stream().filter(s -> java.util.Arrays.stream(PeerSteps.Peer.values()).anyMatch(p -> p.solver.equals(s)))
                .toList();
    }

    /** Cells of one of the two benchmarks, by solver name. */
    static Map<String, Measurements.Cell> collect(Collection<RunResult> results, String bench, String param) {
        Map<String, Measurements.Cell> cells = new HashMap<>();
        for (RunResult r : results) {
            if (r.getParams().getBenchmark().endsWith(bench)) {
                var p = r.getPrimaryResult();
                cells.put(r.getParams().getParam(param), new Measurements.Cell(p.getScore(), p.getScoreError(), p.getSampleCount()));
            }
        }
        return cells;
    }

    static void render(StringBuilder d, Map<String, Measurements.Cell> fused, Map<String, Measurements.Cell> peer, long n) {
        if (fused.isEmpty()) {
            return;
        }
        d.append("## One solver step, engine vs peers (n = ").append(String.format(java.util.Locale.ROOT, "%,d", n))
                .append(" elements)\n\n");
        d.append("One steady-state grid step (step 10 of 20, logSNR grid; VP, or EDM for euler and edm-heun) without its "
                + "model calls. **engine**: the solver's fused steps from its real plan (`SolverStepBench`); **peer**: "
                + "the same update as separate passes the way diffusers' scheduler (k-diffusion for Heun) writes it "
                + "(`PeerStepBench`, `bench/.../ops/PeerSteps.java`), checked equal to the engine's before timing "
                + "(`PeerStepsMatchFusedTest`). B/elem: bytes per element counting each read and write once / with the "
                + "write-allocate read of every out-of-place write. GB/s counts the first figure.\n\n");
        d.append("| solver | engine: fused steps | engine B/elem | engine µs | engine GB/s | peer: kernels | peer B/elem "
                + "| peer µs | peer GB/s | **peer / engine time** |\n");
        d.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (String name : solvers()) {
            Measurements.Cell f = fused.get(name);
            if (f == null) {
                continue;
            }
            SolverSteps s = SolverSteps.of(name);
            int useful = s.usefulBytes();
            d.append("| ").append(name).append(" | ").append(s.steps().size()).append(" | ").append(useful).append(" / ")
                    .append(useful + 4 * s.outOfPlace()).append(" | ").append(ReportMarkdown.fmt("%.0f", f.us()))
                    .append(ReportMarkdown.pm("%.0f", f.errUs())).append(" | ").append(ReportMarkdown.fmt("%.1f", f.gbps((double) useful * n)))
                    .append(" |");
            Measurements.Cell p = peer.get(name);
            if (p == null) {
                d.append(" — | — | — | — | — |\n");
                continue;
            }
            SeparatePasses.Traffic t = PeerSteps.Peer.of(name).traffic;
            double r = p.us() / f.us();
            double e = r * Math.hypot(f.relErr(), p.relErr());
            d.append(' ').append(t.kernels()).append(" | ").append(t.usefulBytes()).append(" / ").append(t.bytesWithWriteAllocate())
                    .append(" | ").append(ReportMarkdown.fmt("%.0f", p.us())).append(ReportMarkdown.pm("%.0f", p.errUs())).append(" | ")
                    .append(ReportMarkdown.fmt("%.1f", p.gbps((double) t.usefulBytes() * n))).append(" | **")
                    .append(ReportMarkdown.fmt("%.2f×", r)).append("**").append(ReportMarkdown.pm("%.2f", e)).append(" |\n");
        }
        d.append("\nSolvers without a peer column have no diffusers scheduler of that form (iPNDM, DEIS tAB / rhoRK, "
                + "Euler is DDIM); their peer cost is that of the nearest shape above (iPNDM and DEIS tAB: PLMS). "
                + "Not counted for the peers: k-diffusion's unconditional `randn_like` per step, and the per-step "
                + "scalar arithmetic and host syncs of section 1.7 of performance-and-peers.md.\n\n");
    }
}
