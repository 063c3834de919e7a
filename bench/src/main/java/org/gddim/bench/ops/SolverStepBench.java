package org.gddim.bench.ops;

import java.util.HashMap;
import java.util.Map;
import org.gddim.backend.Buffer;
import org.gddim.structure.Structure;
import org.gddim.solver.Op;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * One steady-state grid step of each solver as the engine runs it ({@link SolverSteps}: the fused steps of the
 * solver's real plan, between model calls, on the plan's own buffers), native backend. Buffers the step writes
 * are restored from pristine copies before each iteration (untimed), so repeated in-place steps stay bounded.
 */
public class SolverStepBench extends OpBench {
    @Param({"ddim", "euler", "edm-heun", "prk", "plms", "ipndm4", "deis-tab3", "deis-rhork3", "dpmpp2m", "dpmpp3m",
            "unipc2-bh2", "unipc3-bh1"})
    public String solver;

    @Param({"16777216"})
    public long size;

    private SolverSteps step;
    private Buffer[] buffers;
    private final Map<Integer, Buffer> pristine = new HashMap<>();

    @Setup(Level.Trial)
    public void setUp() {
        b = BenchData.open(BenchData.NATIVE_CPU);
        step = SolverSteps.of(solver);
        buffers = step.allocate(b, size);
        for (Op.Step s : step.steps()) {
            pristine.computeIfAbsent(s.dst(), d -> copy(buffers[d], b.allocate(size)));
        }
    }

    @Setup(Level.Iteration)
    public void restore() {
        pristine.forEach((d, saved) -> copy(saved, buffers[d]));
    }

    private Buffer copy(Buffer from, Buffer to) {
        b.step(Structure.SCALAR, size, to, from, new double[] {1}, new Buffer[0], new double[0][], 0, null, null);
        return to;
    }

    @Benchmark
    public void fusedSolverStep() {
        step.run(b, buffers, size);
    }
}
