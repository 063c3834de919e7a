package org.gddim.solver;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.gddim.backend.Backend;
import org.gddim.backend.BackendKind;
import org.gddim.backend.Backends;
import org.gddim.backend.DType;
import org.gddim.backend.JavaScalar;
import org.gddim.model.GmmScore;
import org.gddim.process.Edm;
import org.gddim.process.ScalarProcess;
import org.gddim.process.Vp;
import org.gddim.schedule.GridKind;
import org.gddim.schedule.TimeGrid;
import org.gddim.schedule.TimeGrids;
import org.gddim.testing.Fixtures;
import org.gddim.testing.Runs;
import org.junit.jupiter.api.Test;

/**
 * Every solver's plan on the native backend (libgdk's fused float32 kernel, which refuses aliasing the plans
 * must not produce) against the JavaScalar reference in float32, end to end on the 8-D oracle: the solvers add
 * no kernel, so this is the native-vs-reference check of their steps. Tolerance: relative RMS 2e-5 after 15
 * steps (each step rounds a few times at 2^-24, and the multistep weights up to 59/24 amplify it).
 */
class SolverBackendEquivalenceTest {
    static List<Solver> solvers() {
        return List.of(new Euler(), new EdmHeun(), new Pndm(Pndm.Variant.PRK), new Pndm(Pndm.Variant.PLMS),
                new Pndm(Pndm.Variant.F_PNDM), new Pndm(Pndm.Variant.S_PNDM), new Ipndm(4), new Deis(Deis.Variant.T_AB, 4),
                new Deis(Deis.Variant.RHO_AB, 3), new Deis(Deis.Variant.RHO_RK, 4), new DpmSolverPlusPlus(2, true),
                new DpmSolverPlusPlus(3, true), new UniPc(3, UniPc.Variant.BH1, true, true),
                new UniPc(2, UniPc.Variant.BH2, true, true), new UniPc(4, UniPc.Variant.BH2, false, false));
    }

    @Test
    void nativeRunsEveryPlanLikeTheReference() {
        int batch = 64;
        try (Backend ref = new JavaScalar(DType.F32); Backend nat = Backends.open(BackendKind.NATIVE)) {
            for (ScalarProcess p : List.of(Vp.linear(), Edm.standard())) {
                var score = new GmmScore(Fixtures.gmm8d(), p);
                double[] x = Fixtures.normals(17, batch * 8);
                for (int i = 0; i < x.length; i++) {
                    x[i] *= p.priorStd(p.defaultTMax());
                }
                TimeGrid g = TimeGrids.make(GridKind.LOGSNR, p, p.defaultTMax(), p.defaultTMin(), 15);
                for (Solver s : solvers()) {
                    double[] a = Runs.run(s, p, g, score, ref, x, batch);
                    double[] b = Runs.run(s, p, g, score, nat, x, batch);
                    double diff = Fixtures.relativeRms(b, a);
                    assertTrue(diff < 2e-5, p.name() + " " + s.describe() + ": native vs reference " + diff);
                }
            }
        }
    }
}
