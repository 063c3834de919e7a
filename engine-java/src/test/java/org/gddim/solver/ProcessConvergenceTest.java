package org.gddim.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gddim.model.GaussianMixture;
import org.gddim.model.GmmScore;
import org.gddim.process.Bdm;
import org.gddim.process.Cld;
import org.gddim.process.Fdm;
import org.gddim.structure.Mat2;
import org.gddim.process.Process;
import org.gddim.reference.ProbabilityFlowReference;
import org.gddim.schedule.GridKind;
import org.gddim.schedule.TimeGrid;
import org.gddim.schedule.TimeGrids;
import org.gddim.testing.Fixtures;
import org.gddim.testing.Runs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * gDDIM on the non-isotropic processes against exact oracles, float64 state (JavaScalar F64):
 * <ul>
 *   <li>CLD, Gaussian data with the covariance the frame was built from (Dirac x, v ~ N(0, gamma M)): one
 *       order-0 step from T = 1 to t_min is exact (spec 7.3: 1e-10), while the K = L frame is off by O(1e2+);
 *   <li>convergence order on CLD (2-D, 3-component GMM, quadratic grid), BDM (2 x 4 x 3 DCT-diagonal images,
 *       logSNR grid) and FDM-VP (2-D GMM, logSNR grid): the relative RMS end-point error against Dormand-Prince
 *       (tol 1e-12) must fall like NFE^-q: least-squares slope over NFE 80, 160, 320 within 0.35 of q. 8 seeded
 *       samples drawn from the prior. (BDM on t-uniform or quadratic grids shows q = 3 at only 2.3-2.8 up to 640
 *       NFE: the cosine schedule's d log a/dt is about -250 near T = 0.996 (pitfall P9), and those grids resolve
 *       that time scale only beyond 640 steps; the logSNR grid puts its steps there.)
 * </ul>
 */
class ProcessConvergenceTest {
    private static final int BATCH = 8;

    @Test
    void cldOrderZeroIsExactInOneStepForGaussianDataAndTheCholeskyFrameIsNot() {
        Cld cld = Cld.standard();
        var dirac = Fixtures.dirac(0.8, -0.3);
        GmmScore score = new GmmScore(dirac, cld);
        double tMax = 1.0;
        double tMin = 1e-3;
        double[] uT = Fixtures.normals(5, 4 * 2 * 2);
        // exact flow of a single Gaussian whose covariance is Sigma_t: u(t) - mu(t) = R_t R_T^{-1} (u(T) - mu(T))
        double[] map = Mat2.mul(cld.frame(tMin), Mat2.inverse(cld.frame(tMax)));
        double[] psiT = cld.transition(tMax, 0);
        double[] psiMin = cld.transition(tMin, 0);
        double[] exact = new double[uT.length];
        for (int b = 0; b < 4; b++) {
            for (int i = 0; i < 2; i++) {
                double m = dirac.means()[0][i];
                int ix = b * 4 + i;
                int iv = ix + 2;
                double ex = uT[ix] - psiT[0] * m;
                double ev = uT[iv] - psiT[2] * m;
                exact[ix] = psiMin[0] * m + map[0] * ex + map[1] * ev;
                exact[iv] = psiMin[2] * m + map[2] * ex + map[3] * ev;
            }
        }
        TimeGrid oneStep = new TimeGrid(new double[] {tMax, tMin});
        double[] r = Runs.runF64(new GDdim(1, Corrector.NONE), cld, oneStep, score, uT, 4);
        double errR = Fixtures.relativeRms(r, exact);
        double[] l = Runs.runF64(new GDdim(1, Corrector.NONE, EpsFrame.L), cld, oneStep, score, uT, 4);
        double errL = Fixtures.relativeRms(l, exact);
        System.out.printf("cld one step T -> t_min, Gaussian data: R frame %.2e, L frame %.2e%n", errR, errL);
        assertTrue(errR < 1e-10, "R frame error " + errR);
        assertTrue(errL > 1, "L frame error " + errL);
    }

    static double slope(Process process, GaussianMixture gmm, GridKind grid, Solver solver, int[] nfes) {
        GmmScore score = new GmmScore(gmm, process);
        int dim = score.stateShape().size();
        double[] z = Fixtures.normals(2027, BATCH * dim);
        double[] uT = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            uT[i] = z[i] * process.priorStd(process.defaultTMax(), (i % dim) / gmm.dim());
        }
        double[] ref = new ProbabilityFlowReference(process, score, 1e-12).solve(uT, BATCH, process.defaultTMax(),
                process.defaultTMin());
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        StringBuilder errors = new StringBuilder();
        for (int nfe : nfes) {
            TimeGrid g = TimeGrids.make(grid, process, process.defaultTMax(), process.defaultTMin(), solver.stepsFor(nfe));
            double err = Fixtures.relativeRms(Runs.runF64(solver, process, g, score, uT, BATCH), ref);
            errors.append(String.format(" %d:%.3e", nfe, err));
            double x = Math.log(nfe);
            double y = -Math.log(err);
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }
        int n = nfes.length;
        double s = (n * sxy - sx * sy) / (n * sxx - sx * sx);
        System.out.printf("%s %s %s: errors%s, slope %.2f%n", process.name(), grid, solver.describe(), errors, s);
        return s;
    }

    @ParameterizedTest(name = "cld q={0}")
    @CsvSource({"1", "2", "3"})
    void cldErrorFallsAtTheMethodsOrder(int q) {
        assertEquals(q, slope(Cld.standard(), Fixtures.gmm2d(), GridKind.QUADRATIC, new GDdim(q, Corrector.NONE),
                new int[] {80, 160, 320}), 0.35);
    }

    @ParameterizedTest(name = "bdm q={0}")
    @CsvSource({"1", "2", "3"})
    void bdmErrorFallsAtTheMethodsOrder(int q) {
        assertEquals(q, slope(Bdm.forImages(4, 3), Fixtures.images(3, 2, 4, 3, 5), GridKind.LOGSNR,
                new GDdim(q, Corrector.NONE), new int[] {80, 160, 320}), 0.35);
    }

    @ParameterizedTest(name = "fdm-vp q={0}")
    @CsvSource({"1", "2", "3"})
    void fdmErrorFallsAtTheMethodsOrder(int q) {
        assertEquals(q, slope(Fdm.vp(), Fixtures.gmm2d(), GridKind.LOGSNR, new GDdim(q, Corrector.NONE),
                new int[] {80, 160, 320}), 0.35);
    }

    /**
     * The baselines written as a transfer fed with a combination of eps (planned through gDDIM's order-0 step) on
     * the matrix-coefficient processes: DEIS tAB is gDDIM's predictor (q = 3); PNDM's PLMS and iPNDM apply
     * constant-step Adams-Bashforth weights on non-uniform grids, hence order 2 (docs/solvers.md); EDM Heun 2.
     */
    @ParameterizedTest(name = "{0} on {1}: order {2}")
    @CsvSource({"deis-tab,cld,3", "plms,cld,2", "ipndm,cld,2", "edm-heun,cld,2",
        "deis-tab,bdm,3", "plms,bdm,2", "ipndm,bdm,2", "edm-heun,bdm,2"})
    void transferBaselinesConvergeOnMatrixProcesses(String solver, String process, int order) {
        SolverKind kind = SolverKind.valueOf(solver.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        Solver s = kind.create(kind.defaultOrder(), Corrector.NONE);
        double slope = process.equals("cld")
                ? slope(Cld.standard(), Fixtures.gmm2d(), GridKind.QUADRATIC, s, new int[] {80, 160, 320})
                : slope(Bdm.forImages(4, 3), Fixtures.images(3, 2, 4, 3, 5), GridKind.LOGSNR, s, new int[] {80, 160, 320});
        assertEquals(order, slope, 0.35);
    }
}
