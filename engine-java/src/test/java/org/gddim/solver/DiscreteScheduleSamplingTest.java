package org.gddim.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.gddim.model.GmmScore;
import org.gddim.process.DiscreteVp;
import org.gddim.process.ProcessKind;
import org.gddim.reference.RhoFrameReference;
import org.gddim.schedule.GridKind;
import org.gddim.schedule.TimeGrid;
import org.gddim.schedule.TimeGrids;
import org.gddim.testing.Fixtures;
import org.gddim.testing.Runs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Discrete-time (DDPM) schedules are sampled correctly by every solver: at integer labels DDIM's and PLMS's
 * coefficients are the papers' formulas with the table's abar and the next label of the list (what diffusers
 * computes, minus its stride bug), and every solver's end point converges to the exact probability-flow ODE of
 * the interpolated schedule (DOP853 in the rho frame at tol 1e-10, RhoFrameReference; 8 samples of the 8-D
 * oracle): a drop by 4x or more from 25 to 200 NFE, to below 5e-3.
 */
class DiscreteScheduleSamplingTest {
    private static final DiscreteVp DDPM = (DiscreteVp) ProcessKind.DDPM_LINEAR.create();
    private static final int BATCH = 8;
    private static double[] start;
    private static double[] reference;

    @BeforeAll
    static void reference() {
        start = Fixtures.normals(31, BATCH * 8);
        var score = new GmmScore(Fixtures.gmm8d(), DDPM);
        reference = new RhoFrameReference(DDPM, score, 1e-10).solve(start, BATCH, 1.0, DDPM.defaultTMin());
    }

    private static List<Op.Step> steps(Plan plan) {
        List<Op.Step> s = new ArrayList<>();
        for (Op op : plan.ops()) {
            if (op instanceof Op.Step step) {
                s.add(step);
            }
        }
        return s;
    }

    @Test
    void ddimAtIntegerLabelsIsTheDdimPapersStep() {
        TimeGrid g = TimeGrids.make(GridKind.TRAILING, DDPM, 1.0, DDPM.defaultTMin(), 10); // 999, 899, .., 99, then abar[0]
        List<Op.Step> ddim = steps(new Ddim().plan(DDPM, g));
        for (int i = 0; i < 10; i++) {
            double at = DDPM.alphaBarAt((int) Math.round(DDPM.timestep(g.at(i))));
            double prev = DDPM.alphaBarAt(i == 9 ? 0 : (int) Math.round(DDPM.timestep(g.at(i + 1))));
            // DDIM Eq. 12, sigma = 0: x' = sqrt(prev) (x - sqrt(1 - at) eps) / sqrt(at) + sqrt(1 - prev) eps
            assertEquals(Math.sqrt(prev / at), ddim.get(i).psi()[0], 1e-13, "psi " + i);
            assertEquals(Math.sqrt(1 - prev) - Math.sqrt(prev / at) * Math.sqrt(1 - at), ddim.get(i).c()[0][0], 1e-13, "c " + i);
        }
    }

    @Test
    void plmsAtIntegerLabelsIsDiffusersStepPlms() {
        // PNDMScheduler.step_plms: (55 e0 - 59 e1 + 37 e2 - 9 e3)/24 into _get_prev_sample:
        // x' = sqrt(ap/at) x - (ap - at) e / (at sqrt(1 - ap) + sqrt(at (1 - at) ap))
        TimeGrid g = TimeGrids.make(GridKind.LEADING, DDPM, 1.0, DDPM.defaultTMin(), 50);
        Op.Step step = steps(new Pndm(Pndm.Variant.PLMS).plan(DDPM, g)).get(10); // step 9, AB4
        double at = DDPM.alphaBarAt((int) Math.round(DDPM.timestep(g.at(9))));
        double ap = DDPM.alphaBarAt((int) Math.round(DDPM.timestep(g.at(10))));
        double denom = at * Math.sqrt(1 - ap) + Math.sqrt(at * (1 - at) * ap);
        assertEquals(Math.sqrt(ap / at), step.psi()[0], 1e-13);
        double[] w = {55, -59, 37, -9};
        for (int j = 0; j < 4; j++) {
            assertEquals(-(ap - at) / denom * w[j] / 24, step.c()[j][0], 1e-12, "c" + j);
        }
    }

    @Test
    void everySolverConvergesOnTheDiscreteSchedule() {
        var score = new GmmScore(Fixtures.gmm8d(), DDPM);
        List<Solver> all = List.of(new Ddim(), new Euler(), new EdmHeun(), new Pndm(Pndm.Variant.PRK), new Pndm(Pndm.Variant.PLMS),
                new Pndm(Pndm.Variant.F_PNDM), new Pndm(Pndm.Variant.S_PNDM), new Ipndm(4), new Deis(Deis.Variant.T_AB, 3),
                new Deis(Deis.Variant.RHO_AB, 3), new Deis(Deis.Variant.RHO_RK, 3), new DpmSolverPlusPlus(2, true),
                new DpmSolverPlusPlus(3, true), new UniPc(2, UniPc.Variant.BH2, true, true), new UniPc(3, UniPc.Variant.BH1, true, true),
                new GDdim(3, Corrector.NONE));
        for (Solver s : all) {
            double[] err = new double[2];
            int[] nfe = {25, 200};
            for (int i = 0; i < 2; i++) {
                TimeGrid g = TimeGrids.make(GridKind.LOGSNR, DDPM, 1.0, DDPM.defaultTMin(), s.stepsFor(nfe[i]));
                err[i] = Fixtures.relativeRms(Runs.runF64(s, DDPM, g, score, start, BATCH), reference);
            }
            System.out.printf("ddpm-linear logsnr %s: NFE 25 %.2e, NFE 200 %.2e%n", s.describe(), err[0], err[1]);
            assertTrue(err[1] < err[0] / 4 && err[1] < 5e-3, s.describe() + ": " + err[0] + " -> " + err[1]);
        }
    }
}
