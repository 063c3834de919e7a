package org.gddim.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gddim.process.Cld;
import org.gddim.structure.Mat2;
import org.gddim.process.Process;
import org.gddim.process.Vp;
import org.gddim.schedule.TimeGrid;
import org.gddim.solver.coeff.CholeskyFrameCoefficients;
import org.gddim.solver.coeff.ExponentialCoefficients;
import org.junit.jupiter.api.Test;

/** Coefficients of the new plans against closed forms: EM's (1 + lambda^2) factor, DDIM's eta, frames, SSCS. */
class SolverPlansTest {
    private static Op.Step firstStep(Plan plan) {
        return plan.ops().stream().filter(op -> op instanceof Op.Step).map(op -> (Op.Step) op).findFirst().orElseThrow();
    }

    @Test
    void eulerMaruyamaUsesTheMarginalPreservingFactor() {
        Vp vp = Vp.linear();
        double t = 0.6;
        double next = 0.55;
        double lambda = 0.5;
        Op.Step s = firstStep(new EulerMaruyama(lambda).plan(vp, new TimeGrid(new double[] {t, next})));
        double dt = next - t;
        // du = [f u - (1 + lambda^2)/2 g^2 score] dt + lambda g dw with score = -eps / sigma (pitfall P7)
        double g2 = vp.diffusion(t)[0] * vp.diffusion(t)[0];
        assertEquals(1 + vp.dLogAlpha(t) * dt, s.psi()[0], 1e-15);
        assertEquals((1 + lambda * lambda) / 2 * g2 / vp.sigma(t) * dt, s.c()[0][0], 1e-14);
        assertEquals(lambda * Math.sqrt(g2 * -dt), s.noise().s()[0], 1e-15);
        assertEquals(-2 * vp.sigma(t) * vp.dSigma(t) + 2 * vp.dLogAlpha(t) * vp.sigma(t) * vp.sigma(t), -g2, 1e-12,
                "g^2 = d sigma^2/dt - 2 f sigma^2");
    }

    /** gddim-spec.md 2.3: lambda = 1 is DDIM with eta = 1, the DDPM posterior variance; lambda = 0 is DDIM. */
    @Test
    void stochasticGddimOnVpIsDdimWithEta() {
        Vp vp = Vp.linear();
        double t = 0.5;
        double next = 0.4;
        TimeGrid grid = new TimeGrid(new double[] {t, next});
        double abar = Math.exp(2 * vp.logAlpha(t));
        double abarNext = Math.exp(2 * vp.logAlpha(next));
        double posterior = (1 - abarNext) / (1 - abar) * (1 - abar / abarNext);
        Op.Step s = firstStep(new StochasticGDdim(1.0).plan(vp, grid));
        assertEquals(posterior, s.noise().s()[0] * s.noise().s()[0], 1e-12 * posterior);
        double ratio = Math.sqrt(abarNext / abar);
        assertEquals(ratio, s.psi()[0], 1e-14);
        assertEquals(Math.sqrt(1 - abarNext - posterior) - ratio * Math.sqrt(1 - abar), s.c()[0][0], 1e-12);
        Op.Step tiny = firstStep(new StochasticGDdim(1e-6).plan(vp, grid));
        Op.Step ddim = firstStep(new Ddim().plan(vp, grid));
        assertEquals(ddim.c()[0][0], tiny.c()[0][0], 1e-10);
    }

    @Test
    void choleskyFrameEqualsTheGddimFrameForScalarProcessesButNotForCld() {
        Vp vp = Vp.linear();
        double[] nodes = {0.4, 0.5, 0.62};
        double[][] r = ExponentialCoefficients.of(vp, 0.4, 0.3, nodes);
        double[][] l = CholeskyFrameCoefficients.of(vp, 0.4, 0.3, nodes);
        for (int j = 0; j < 3; j++) {
            assertEquals(r[j][0], l[j][0], 1e-10 * Math.abs(r[j][0]), "C_" + j);
        }
        Cld cld = Cld.standard();
        double[] cr = ExponentialCoefficients.of(cld, 0.4, 0.3, new double[] {0.4})[0];
        double[] cl = CholeskyFrameCoefficients.of(cld, 0.4, 0.3, new double[] {0.4})[0];
        // order 0 in the L frame freezes eps_L = Q eps_R: C^L Q_s differs from R_t - Psi R_s by O(1)
        assertTrue(Math.abs(cr[0] - cl[0]) + Math.abs(cr[3] - cl[3]) > 0.1, java.util.Arrays.toString(cl));
    }

    @Test
    void sscsHalfStepsAreExactForTheLinearPartAndItsNoise() {
        Cld cld = Cld.standard();
        Plan plan = new Sscs().plan(cld, new TimeGrid(new double[] {0.5, 0.3}));
        Op.Step first = firstStep(plan);
        // the reversed oscillator keeps the stationary law N(0, diag(1, M)): E S E^T + Q = S
        double[] e = first.psi();
        double[] chol = first.noise().s();
        double[] q = Mat2.mul(chol, Mat2.transpose(chol));
        double[] stationary = Mat2.of(1, 0, 0, cld.mass());
        double[] kept = Mat2.add(Mat2.mul(Mat2.mul(e, stationary), Mat2.transpose(e)), q);
        for (int j = 0; j < 4; j++) {
            assertEquals(stationary[j], kept[j], 1e-12, "entry " + j);
        }
        assertEquals(1, plan.nfe());
        assertThrows(IllegalArgumentException.class, () -> new Sscs().plan(Vp.linear(), new TimeGrid(new double[] {1, 0.5})));
    }

    @Test
    void impossibleCombinationsAreRefusedWithAReason() {
        String[] messages = {
            assertThrows(IllegalArgumentException.class, () -> SolverKind.GDDIM.create(2, Corrector.NONE, 0.5, EpsFrame.R)).getMessage(),
            assertThrows(IllegalArgumentException.class, () -> SolverKind.EM.create(1, Corrector.NONE, 1, EpsFrame.L)).getMessage(),
            assertThrows(IllegalArgumentException.class, () -> SolverKind.SSCS.create(1, Corrector.NONE, 0.5, EpsFrame.R)).getMessage(),
            assertThrows(IllegalArgumentException.class, () -> SolverKind.DDIM.create(1, Corrector.NONE, 1, EpsFrame.R)).getMessage(),
            assertThrows(IllegalArgumentException.class, () -> SolverKind.GDDIM.create(2, Corrector.PEC, Double.NaN, EpsFrame.L)).getMessage(),
            assertThrows(IllegalArgumentException.class, () -> SolverKind.EM.create(1, Corrector.NONE, -1, EpsFrame.R)).getMessage()};
        String[] expected = {"order 1", "--param applies to gddim only", "--lambda does not apply", "ddim is deterministic",
            "predictor-only", ">= 0"};
        for (int i = 0; i < messages.length; i++) {
            assertTrue(messages[i].contains(expected[i]), messages[i]);
        }
        Process p = Cld.standard();
        assertEquals("sscs", SolverKind.SSCS.create(1, Corrector.NONE, Double.NaN, EpsFrame.R).plan(p,
                new TimeGrid(new double[] {1, 0.5})).method());
    }
}
