package org.gddim.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.gddim.process.Edm;
import org.gddim.process.ScalarProcess;
import org.gddim.process.Vp;
import org.gddim.schedule.GridKind;
import org.gddim.schedule.TimeGrid;
import org.gddim.schedule.TimeGrids;
import org.gddim.solver.coeff.DdimTransfer;
import org.gddim.solver.coeff.PhiFunctions;
import org.junit.jupiter.api.Test;

/**
 * Every planned coefficient against a closed form written independently from the papers' formulas (spec
 * sections named per test), on VP (linear beta) unless stated. Tolerances are relative, 1e-12 unless a
 * quadrature is involved.
 */
class SolverCoefficientsTest {
    private static final Vp VP = Vp.linear();
    private static final TimeGrid GRID = TimeGrids.make(GridKind.LOGSNR, VP, 1.0, 1e-3, 12);

    private static List<Op.Step> steps(Plan plan) {
        List<Op.Step> s = new ArrayList<>();
        for (Op op : plan.ops()) {
            if (op instanceof Op.Step step) {
                s.add(step);
            }
        }
        return s;
    }

    private static void near(double want, double got, String what) {
        assertEquals(want, got, 1e-12 * Math.abs(want) + 1e-300, what);
    }

    private static double abar(ScalarProcess p, double t) {
        return Math.exp(2 * p.logAlpha(t));
    }

    /** DDIM's eps coefficient (DDIM paper Eq. 12): {@code sigma_t - (a_t / a_s) sigma_s}. */
    private static double ddim(ScalarProcess p, double s, double t) {
        return p.sigma(t) - p.alpha(t) / p.alpha(s) * p.sigma(s);
    }

    @Test
    void phiFunctionsMatchTheirClosedFormsAndSeries() {
        for (double z : new double[] {-6, -2.5, -1.0000001, 1.0000001, 1.7, 4}) {
            near(Math.expm1(z) / z, PhiFunctions.phi(1, z), "phi1(" + z + ")");
            near((Math.expm1(z) - z) / (z * z), PhiFunctions.phi(2, z), "phi2(" + z + ")");
            assertEquals((Math.expm1(z) - z - z * z / 2) / (z * z * z), PhiFunctions.phi(3, z), 1e-10, "phi3(" + z + ")");
        }
        double z = 1e-3; // phi_k(z) = 1/k! + z/(k+1)! + z^2/(k+2)! + ...
        near(1.0 / 6 + z / 24 + z * z / 120 + z * z * z / 720, PhiFunctions.phi(3, z), "phi3 series");
        near(0.5 - z / 6 + z * z / 24 - z * z * z / 120, PhiFunctions.phi(2, -z), "phi2 series");
        for (int k = 1; k <= 5; k++) { // the series and the recurrence meet at |z| = 1
            assertEquals(PhiFunctions.phi(k, 1 - 1e-12), PhiFunctions.phi(k, 1 + 1e-12), 1e-11, "phi" + k + " at 1");
            assertEquals(PhiFunctions.phi(k, -1 + 1e-12), PhiFunctions.phi(k, -1 - 1e-12), 1e-11, "phi" + k + " at -1");
        }
    }

    @Test
    void theTransferIsPndmsDifferenceForm() {
        // spec 1, form 2: phi = x + (abar_t - abar_s) [x / (sqrt(abar_s)(sqrt(abar_s) + sqrt(abar_t)))
        //                     - e / (sqrt(abar_s)(sqrt((1 - abar_t) abar_s) + sqrt((1 - abar_s) abar_t)))]
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < 100; i++) {
            double s = rng.nextDouble(0.01, 1);
            double t = s * rng.nextDouble(0.05, 0.99);
            double x = rng.nextGaussian();
            double e = rng.nextGaussian();
            double as = abar(VP, s);
            double at = abar(VP, t);
            double form2 = x + (at - as) * (x / (Math.sqrt(as) * (Math.sqrt(as) + Math.sqrt(at)))
                    - e / (Math.sqrt(as) * (Math.sqrt((1 - at) * as) + Math.sqrt((1 - as) * at))));
            DdimTransfer phi = DdimTransfer.of(VP, s, t);
            assertEquals(form2, phi.psi()[0] * x + phi.c0()[0] * e, 1e-13 * (1 + Math.abs(form2)), "s=" + s + " t=" + t);
        }
    }

    @Test
    void plmsAndIpndmUseConstantStepAdamsBashforthOnTheDdimCoefficient() {
        double[] ab4 = {55.0 / 24, -59.0 / 24, 37.0 / 24, -9.0 / 24};
        Op.Step ipndm = steps(new Ipndm(4).plan(VP, GRID)).get(6);
        Op.Step plms = steps(new Pndm(Pndm.Variant.PLMS).plan(VP, GRID)).get(7); // step 0 has two fused steps
        double s = GRID.at(6);
        double t = GRID.at(7);
        for (Op.Step step : List.of(ipndm, plms)) {
            near(VP.alpha(t) / VP.alpha(s), step.psi()[0], "psi");
            for (int j = 0; j < 4; j++) {
                near(ab4[j] * ddim(VP, s, t), step.c()[j][0], "c" + j);
            }
        }
        Op.Step warm = steps(new Ipndm(4).plan(VP, GRID)).get(1); // step 1: AB2
        near(1.5 * ddim(VP, GRID.at(1), GRID.at(2)), warm.c()[0][0], "AB2 warm-up c0");
        near(-0.5 * ddim(VP, GRID.at(1), GRID.at(2)), warm.c()[1][0], "AB2 warm-up c1");
    }

    @Test
    void prkStagesAreDdimToTheMidpointAndTheRk4Weights() {
        List<Op.Step> prk = steps(new Pndm(Pndm.Variant.PRK).plan(VP, GRID));
        double s = GRID.at(4);
        double t = GRID.at(5);
        double m = 0.5 * (s + t);
        List<Op.Step> step4 = prk.subList(16, 20); // four fused steps per PRK step
        near(m, step4.get(0).t(), "midpoint");
        near(ddim(VP, s, m), step4.get(0).c()[0][0], "x2");
        near(ddim(VP, s, m), step4.get(1).c()[0][0], "x3");
        near(ddim(VP, s, t), step4.get(2).c()[0][0], "x4");
        double[] w = {1.0 / 6, 1.0 / 3, 1.0 / 3, 1.0 / 6};
        for (int j = 0; j < 4; j++) {
            near(w[j] * ddim(VP, s, t), step4.get(3).c()[j][0], "final c" + j);
        }
    }

    @Test
    void edmHeunAveragesTwoEpsAndEndsWithEuler() {
        List<Op.Step> heun = steps(new EdmHeun().plan(VP, GRID));
        near(0.5 * ddim(VP, GRID.at(3), GRID.at(4)), heun.get(7).c()[1][0], "corrector weight");
        Op.Step last = heun.get(heun.size() - 1);
        assertEquals(1, last.c().length);
        near(ddim(VP, GRID.at(11), GRID.at(12)), last.c()[0][0], "final Euler step");
    }

    @Test
    void deisRhoAbHasTheClosedFormOfDegreeOne() {
        // gddim-spec.md 5.5: c0 = h + h^2/(2 h1), c1 = -h^2/(2 h1), h = rho_{n+1} - rho_n, h1 = rho_n - rho_{n-1},
        // times a_{n+1} in the x frame
        Op.Step step = steps(new Deis(Deis.Variant.RHO_AB, 2).plan(VP, GRID)).get(5);
        double h = VP.rho(GRID.at(6)) - VP.rho(GRID.at(5));
        double h1 = VP.rho(GRID.at(5)) - VP.rho(GRID.at(4));
        double a = VP.alpha(GRID.at(6));
        near(a * (h + h * h / (2 * h1)), step.c()[0][0], "c0");
        near(-a * h * h / (2 * h1), step.c()[1][0], "c1");
    }

    @Test
    void deisTabCoefficientsSumToDdim() {
        Op.Step step = steps(new Deis(Deis.Variant.T_AB, 4).plan(VP, GRID)).get(7);
        double sum = 0;
        for (double[] c : step.c()) {
            sum += c[0];
        }
        assertEquals(ddim(VP, GRID.at(7), GRID.at(8)), sum, 1e-11 * Math.abs(sum));
    }

    @Test
    void deisRhoRkIsKuttasThirdOrderMethodInRho() {
        List<Op.Step> rk = steps(new Deis(Deis.Variant.RHO_RK, 3).plan(VP, GRID)).subList(6, 9); // step 2
        double rho = VP.rho(GRID.at(2));
        double h = VP.rho(GRID.at(3)) - rho;
        double tMid = VP.tOfRho(rho + h / 2);
        near(tMid, rk.get(0).t(), "stage 2 time");
        near(VP.alpha(tMid) * h / 2, rk.get(0).c()[0][0], "a21");
        double a3 = VP.alpha(GRID.at(3));
        near(-a3 * h, rk.get(1).c()[0][0], "a31");
        near(2 * a3 * h, rk.get(1).c()[1][0], "a32");
        near(a3 * h / 6, rk.get(2).c()[0][0], "b1");
        near(a3 * h * 4 / 6, rk.get(2).c()[1][0], "b2");
        near(a3 * h / 6, rk.get(2).c()[2][0], "b3");
    }

    private static double lambda(ScalarProcess p, double t) {
        return Math.log(p.alpha(t) / p.sigma(t));
    }

    @Test
    void dpmSolverPlusPlus2mIsTheSpecsFormula() {
        int k = 5;
        double h = lambda(VP, GRID.at(k + 1)) - lambda(VP, GRID.at(k));
        double r = (lambda(VP, GRID.at(k)) - lambda(VP, GRID.at(k - 1))) / h;
        double a = VP.alpha(GRID.at(k + 1));
        Op.Step step = steps(new DpmSolverPlusPlus(2, true).plan(VP, GRID)).get(2 * k + 1);
        near(VP.sigma(GRID.at(k + 1)) / VP.sigma(GRID.at(k)), step.psi()[0], "psi");
        near(-a * Math.expm1(-h) * (1 + 1 / (2 * r)), step.c()[0][0], "m_k");
        near(a * Math.expm1(-h) / (2 * r), step.c()[1][0], "m_{k-1}");
        Op.Step convert = steps(new DpmSolverPlusPlus(2, true).plan(VP, GRID)).get(2 * k);
        near(1 / VP.alpha(GRID.at(k)), convert.psi()[0], "m = x/a - rho eps");
        near(-VP.sigma(GRID.at(k)) / VP.alpha(GRID.at(k)), convert.c()[0][0], "m = x/a - rho eps");
    }

    /**
     * The 3M update of the DPM-Solver code (spec 4.2) on scalar history values, with the D2 term scaled by
     * {@code d2Factor}: 1 is the published update, 2 the one that is third order.
     */
    static double spec3m(ScalarProcess p, TimeGrid g, int k, double[] m, double d2Factor) {
        double h = lambda(p, g.at(k + 1)) - lambda(p, g.at(k));
        double r0 = (lambda(p, g.at(k)) - lambda(p, g.at(k - 1))) / h;
        double r1 = (lambda(p, g.at(k - 1)) - lambda(p, g.at(k - 2))) / h;
        double d0 = (m[0] - m[1]) / r0;
        double d1 = (m[1] - m[2]) / r1;
        double bigD1 = d0 + r0 / (r0 + r1) * (d0 - d1);
        double bigD2 = (d0 - d1) / (r0 + r1);
        double phi1 = Math.expm1(-h);
        double phi2 = phi1 / h + 1;
        double phi3 = phi2 / h - 0.5;
        double a = p.alpha(g.at(k + 1));
        return -a * phi1 * m[0] + a * phi2 * bigD1 - d2Factor * a * phi3 * bigD2;
    }

    @Test
    void dpmSolverPlusPlus3mIsTheCodedFormulaAndTwiceItsD2IsUniP3() {
        SplittableRandom rng = new SplittableRandom(9);
        for (ScalarProcess p : List.of(VP, Edm.standard())) {
            TimeGrid g = TimeGrids.make(GridKind.EDM, p, p.defaultTMax(), p.defaultTMin(), 10);
            for (int k = 2; k < 9; k++) {
                double[] m = {rng.nextGaussian(), rng.nextGaussian(), rng.nextGaussian()};
                double[] c = org.gddim.solver.coeff.DpmSolverCoefficients.of(p, g, k, 3);
                double[] u = org.gddim.solver.coeff.UniPcCoefficients.predictor(p, g, k, 3, false);
                double coded = c[0] * m[0] + c[1] * m[1] + c[2] * m[2];
                double uniP3 = u[0] * m[0] + u[1] * m[1] + u[2] * m[2];
                double scale = Math.abs(c[0] * m[0]) + Math.abs(c[1] * m[1]) + Math.abs(c[2] * m[2]);
                assertEquals(spec3m(p, g, k, m, 1), coded, 1e-12 * scale, p.name() + " step " + k + " as coded");
                assertEquals(spec3m(p, g, k, m, 2), uniP3, 1e-11 * scale, p.name() + " step " + k + " doubled D2 vs UniP-3");
            }
        }
    }

    @Test
    void uniPcSmallOrdersHaveTheirClosedForms() {
        int k = 4;
        double h = lambda(VP, GRID.at(k + 1)) - lambda(VP, GRID.at(k));
        double z = -h;
        double a = VP.alpha(GRID.at(k + 1));
        double r1 = (lambda(VP, GRID.at(k - 1)) - lambda(VP, GRID.at(k))) / h;
        for (UniPc.Variant v : UniPc.Variant.values()) {
            double bh = v == UniPc.Variant.BH1 ? z : Math.expm1(z);
            // UniC-1: x = x* - a B (m_{k+1} - m_k) / 2
            double[] c1 = org.gddim.solver.coeff.UniPcCoefficients.corrector(VP, GRID, k, 1, v == UniPc.Variant.BH2);
            near(-a * bh / 2, c1[0], v + " UniC-1 m_{k+1}");
            near(-a * Math.expm1(z) + a * bh / 2, c1[1], v + " UniC-1 m_k");
            // UniP-2: rho = 1/2 on D1 = (m_{k-1} - m_k) / r1
            double[] p2 = org.gddim.solver.coeff.UniPcCoefficients.predictor(VP, GRID, k, 2, v == UniPc.Variant.BH2);
            near(-a * bh / (2 * r1), p2[1], v + " UniP-2 m_{k-1}");
            near(-a * Math.expm1(z) + a * bh / (2 * r1), p2[0], v + " UniP-2 m_k");
            // UniC-2: [[1, 1], [r1, 1]] rho = [b1, b2], b_i = i! z phi_{i+1}(z) / B
            double b1 = z * PhiFunctions.phi(2, z) / bh;
            double b2 = 2 * z * PhiFunctions.phi(3, z) / bh;
            double rho1 = (b1 - b2) / (1 - r1);
            double rho2 = (b2 - r1 * b1) / (1 - r1);
            double[] c2 = org.gddim.solver.coeff.UniPcCoefficients.corrector(VP, GRID, k, 2, v == UniPc.Variant.BH2);
            near(-a * bh * rho2, c2[0], v + " UniC-2 m_{k+1}");
            near(-a * bh * rho1 / r1, c2[2], v + " UniC-2 m_{k-1}");
            near(-a * Math.expm1(z) + a * bh * (rho1 / r1 + rho2), c2[1], v + " UniC-2 m_k");
        }
    }
}
