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
 * The same solver step as {@link SolverStepBench}, written the peers' way ({@link PeerSteps}: diffusers'
 * schedulers, k-diffusion's Heun), as separate C passes on the same plan buffers, with preallocated temporaries.
 */
public class PeerStepBench extends OpBench {
    /** A solver name of {@link SolverSteps} that has a peer shape (named apart from SolverStepBench's parameter). */
    @Param({"ddim", "prk", "plms", "dpmpp2m", "dpmpp3m", "unipc2-bh2", "edm-heun"})
    public String peer;

    @Param({"16777216"})
    public long size;

    private Buffer[] buffers;
    private PeerSteps passes;
    private final Map<Integer, Buffer> pristine = new HashMap<>();

    @Setup(Level.Trial)
    public void setUp() {
        b = BenchData.open(BenchData.NATIVE_CPU);
        SolverSteps step = SolverSteps.of(peer);
        buffers = step.allocate(b, size);
        passes = new PeerSteps(b, step, size);
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
    public void peerSolverStep() {
        passes.run(buffers);
    }
}
