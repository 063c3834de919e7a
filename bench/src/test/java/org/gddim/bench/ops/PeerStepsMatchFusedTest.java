package org.gddim.bench.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gddim.backend.Backend;
import org.gddim.backend.Buffer;
import org.gddim.solver.Op;
import org.gddim.solver.Plan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Check before timing: each peer's separate-passes step ({@link PeerSteps}) computes what the engine's fused
 * steps ({@link SolverSteps}) compute on the same plan buffers (the new state, and the data prediction or the
 * next prediction where the step writes one), and runs exactly the kernels, reads and writes its traffic claims.
 * Tolerance: relative RMS 1e-6, the worst seen being 1.4e-7 (float32 passes with float32 scalars against one
 * rounding per fused step; a wrong coefficient or buffer is off by 1e-2 or more). n is odd so that vector tails
 * run.
 */
class PeerStepsMatchFusedTest {
    private static final long N = 40_009;
    private static Backend backend;

    @BeforeAll
    static void open() {
        backend = BenchData.open(BenchData.NATIVE_CPU);
    }

    @AfterAll
    static void close() {
        backend.close();
    }

    @ParameterizedTest
    @EnumSource(PeerSteps.Peer.class)
    void peerStepEqualsTheFusedStep(PeerSteps.Peer peer) {
        SolverSteps step = SolverSteps.of(peer.solver);
        Buffer[] fused = step.allocate(backend, N);
        Buffer[] separate = step.allocate(backend, N);
        step.run(backend, fused, N);
        PeerSteps passes = new PeerSteps(backend, step, N);
        passes.run(separate);
        assertEquals(peer.traffic, passes.counted(), "kernels/reads/writes of " + peer);
        Op.Step first = step.steps().getFirst();
        assertClose(read(fused[Plan.U]), read(passes.result(separate)), peer + " new state");
        if (peer == PeerSteps.Peer.DPMPP_2M || peer == PeerSteps.Peer.DPMPP_3M || peer == PeerSteps.Peer.UNIPC_2) {
            assertClose(read(fused[first.dst()]), read(separate[first.dst()]), peer + " data prediction");
        }
        if (peer == PeerSteps.Peer.UNIPC_2) {
            int pred = step.steps().getLast().dst();
            assertClose(read(fused[pred]), read(separate[pred]), peer + " next prediction");
        }
    }

    private static float[] read(Buffer b) {
        float[] f = new float[(int) N];
        backend.read(b, 0, f);
        return f;
    }

    private static void assertClose(float[] want, float[] got, String what) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < want.length; i++) {
            num += (double) (got[i] - want[i]) * (got[i] - want[i]);
            den += (double) want[i] * want[i];
        }
        double rel = Math.sqrt(num / den);
        System.out.printf("%s: relative RMS difference %.2e%n", what, rel);
        assertTrue(rel < 1e-6, what + ": relative RMS difference " + rel);
    }
}
