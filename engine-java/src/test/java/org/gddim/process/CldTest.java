package org.gddim.process;

import org.gddim.structure.Mat2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gddim.solver.coeff.ExponentialCoefficients;
import org.gddim.testing.Ode;
import org.junit.jupiter.api.Test;

/**
 * CLD closed forms (gddim-spec.md 3) against the spec's reference tables 3.3/3.4 and 5.3 (printed to 6 digits),
 * the exact matrix exponential, and numerical integration of the defining ODEs in double (DOP853, tol 1e-13).
 */
class CldTest {
    private static final Cld CLD = Cld.standard();
    private static final double[] T = {1e-3, 0.01, 0.1, 0.5, 1.0};

    /** Spec 3.3: Psi(t, 0) [xx, xv, vx, vv] and Sigma_t [xx, xv, vv]. */
    private static final double[][] PSI = {{0.999968, 0.0158725, -0.00396813, 0.984096},
        {0.996966, 0.147699, -0.0369247, 0.849267}, {0.808792, 0.718926, -0.179732, 0.0898658},
        {0.0915782, 0.146525, -0.0366313, -0.0549469}, {3.01916e-3, 5.3674e-3, -1.34185e-3, -2.34824e-3}};
    private static final double[][] SIGMA = {{4.19408e-6, 2.19196e-4, 0.0175586}, {8.24929e-4, 6.70816e-3, 0.0755362},
        {0.221811, 0.12986, 0.215758}, {0.986461, 5.28688e-3, 0.247934}, {0.999984, 7.0762e-6, 0.249997}};
    /** Spec 3.4: theta_t and R_t. */
    private static final double[] THETA = {-1.14347, -2.70538, -4.95414, -8.48275, -12.48422};
    private static final double[][] R = {{8.4875e-4, 1.86379e-3, -0.0267363, 0.129784},
        {-0.026032, 0.0121352, -0.272896, -0.0326213}, {0.112752, -0.457273, 0.428948, -0.17822},
        {-0.584152, 0.80326, -0.40581, -0.288534}, {0.99662, -0.082057, 0.0410356, 0.49831}};

    /** |got - want| within 6 printed digits: 6e-6 relative plus a 1e-10 floor. */
    private static void assertPrinted(double want, double got, String what) {
        assertEquals(want, got, 6e-6 * Math.abs(want) + 1e-10, what);
    }

    @Test
    void transitionAndCovarianceMatchTheReferenceTable() {
        for (int i = 0; i < T.length; i++) {
            double[] psi = CLD.transition(T[i], 0);
            double[] sigma = CLD.covariance(T[i]);
            for (int r = 0; r < 4; r++) {
                assertPrinted(PSI[i][r], psi[r], "Psi(" + T[i] + ", 0)[" + r + "]");
            }
            assertPrinted(SIGMA[i][0], sigma[0], "Sigma_xx(" + T[i] + ")");
            assertPrinted(SIGMA[i][1], sigma[1], "Sigma_xv(" + T[i] + ")");
            assertEquals(sigma[1], sigma[2], 0.0);
            assertPrinted(SIGMA[i][2], sigma[3], "Sigma_vv(" + T[i] + ")");
        }
    }

    @Test
    void frameMatchesTheReferenceTable() {
        for (int i = 0; i < T.length; i++) {
            assertEquals(THETA[i], CLD.theta(T[i]), 6e-6 * Math.abs(THETA[i]), "theta(" + T[i] + ")");
            double[] r = CLD.frame(T[i]);
            for (int j = 0; j < 4; j++) {
                assertEquals(R[i][j], r[j], 2e-5 * Math.abs(R[i][j]) + 1e-9, "R(" + T[i] + ")[" + j + "]");
            }
        }
    }

    @Test
    void transitionIsTheMatrixExponentialOfTheDrift() {
        for (double[] ts : new double[][] {{0.3, 0.5}, {1.0, 0.0}, {1e-3, 0.7}, {0.5, 0.5}}) {
            double b = CLD.bigB(ts[0]) - CLD.bigB(ts[1]);
            double[] a = Mat2.scale(CLD.drift(0), b / CLD.beta(0));
            double[] exp = Mat2.exp(a);
            double[] psi = CLD.transition(ts[0], ts[1]);
            for (int r = 0; r < 4; r++) {
                assertEquals(exp[r], psi[r], 1e-13 * (1 + Math.abs(exp[r])), "Psi(" + ts[0] + ", " + ts[1] + ")");
            }
        }
        double[] prod = Mat2.mul(CLD.transition(0.2, 0.6), CLD.transition(0.6, 0.9));
        double[] direct = CLD.transition(0.2, 0.9);
        for (int r = 0; r < 4; r++) {
            assertEquals(direct[r], prod[r], 1e-12 * (1 + Math.abs(direct[r])), "semigroup");
        }
    }

    @Test
    void covarianceSolvesItsLyapunovOde() {
        double[] s0 = CLD.covariance(0);
        double[] y = {s0[0], s0[1], s0[3]};
        double t0 = 0;
        for (double t : T) {
            y = Ode.integrate((r, s) -> {
                double[] f = CLD.drift(r);
                double[] g = CLD.diffusion(r);
                double[] sig = Mat2.of(s[0], s[1], s[1], s[2]);
                double[] fs = Mat2.mul(f, sig);
                double[] d = Mat2.add(Mat2.add(fs, Mat2.transpose(fs)), Mat2.mul(g, Mat2.transpose(g)));
                return new double[] {d[0], d[1], d[3]};
            }, t0, y, t, 1e-13);
            t0 = t;
            double[] closed = CLD.covariance(t);
            assertEquals(y[0], closed[0], 1e-9 * closed[0], "Sigma_xx(" + t + ")");
            assertEquals(y[1], closed[1], 1e-9 * Math.abs(closed[1]) + 1e-15, "Sigma_xv(" + t + ")");
            assertEquals(y[2], closed[3], 1e-9 * closed[3], "Sigma_vv(" + t + ")");
        }
    }

    /** Eq. 17, dR/dt = F R + 1/2 G G^T R^{-T} from R_0 = sqrt(Sigma_0): the ODE solution is the closed-form frame. */
    @Test
    void frameSolvesEquation17() {
        double[] s0 = CLD.covariance(0);
        double[] y = {Math.sqrt(s0[0]), 0, 0, Math.sqrt(s0[3])};
        double t0 = 0;
        for (double t : T) {
            y = Ode.integrate((r, v) -> {
                double[] rr = {v[0], v[1], v[2], v[3]};
                double[] g = CLD.diffusion(r);
                double[] w = Mat2.scale(Mat2.mul(Mat2.mul(g, Mat2.transpose(g)), Mat2.transpose(Mat2.inverse(rr))), 0.5);
                return Mat2.add(Mat2.mul(CLD.drift(r), rr), w);
            }, t0, y, t, 1e-13);
            t0 = t;
            double[] closed = CLD.frame(t);
            for (int j = 0; j < 4; j++) {
                assertEquals(y[j], closed[j], 1e-8 * (Math.abs(closed[j]) + 1e-3), "R(" + t + ")[" + j + "]");
            }
            double[] rrT = Mat2.mul(closed, Mat2.transpose(closed));
            double[] sigma = CLD.covariance(t);
            for (int j = 0; j < 4; j++) {
                assertEquals(sigma[j], rrT[j], 1e-13 * (1 + sigma[j]), "R R^T = Sigma at " + t);
            }
        }
    }

    @Test
    void orderZeroExampleAndCoefficientUnitTest() {
        double[] psi = CLD.transition(0.3, 0.5);
        double[] wantPsi = {-2.971819, -15.849704, 3.962426, 12.877884};
        double[] c0 = Mat2.add(CLD.frame(0.3), Mat2.scale(Mat2.mul(psi, CLD.frame(0.5)), -1));
        double[] wantC0 = {-7.391478, -1.679644, 7.32001, 0.963664};
        for (int j = 0; j < 4; j++) {
            assertPrinted(wantPsi[j], psi[j], "Psi(0.3, 0.5)[" + j + "]");
            assertPrinted(wantC0[j], c0[j], "R_t - Psi R_s [" + j + "]");
        }
        // spec 5.3: degree 2, nodes 0.4, 0.5, 0.62, step 0.4 -> 0.3
        double[][] c = ExponentialCoefficients.of(CLD, 0.4, 0.3, new double[] {0.4, 0.5, 0.62});
        double[][] want = {{-1.47711, 0.73384, 2.50499, -1.57872}, {0.60888, -0.38653, -1.26769, 1.00445},
            {-0.15077, 0.09838, 0.32443, -0.26454}};
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                assertEquals(want[i][j], c[i][j], 6e-5 * Math.abs(want[i][j]), "C_" + i + "[" + j + "]");
            }
        }
        double[] sum = Mat2.add(Mat2.add(c[0], c[1]), c[2]);
        double[] order0 = ExponentialCoefficients.of(CLD, 0.4, 0.3, new double[] {0.4})[0];
        for (int j = 0; j < 4; j++) {
            assertEquals(order0[j], sum[j], 1e-10, "sum_j C_j = order-0 bracket");
        }
    }

    /** The central identity of spec 1.5, d/dr [Psi(t, r) R_r] = Psi(t, r) 1/2 G G^T R_r^{-T}, by central differences. */
    @Test
    void centralIdentityHolds() {
        double t = 0.2;
        for (double r : new double[] {0.01, 0.05, 0.3, 0.8}) {
            double h = 1e-5 * r;
            double[] plus = CLD.transitionTimesFrame(t, r + h);
            double[] minus = CLD.transitionTimesFrame(t, r - h);
            double[] rhs = Mat2.mul(CLD.transition(t, r), CLD.epsWeight(r));
            for (int j = 0; j < 4; j++) {
                double fd = (plus[j] - minus[j]) / (2 * h);
                assertEquals(rhs[j], fd, 1e-6 * (1 + Math.abs(rhs[j])), "at r = " + r + " entry " + j);
            }
        }
    }

    @Test
    void lambdaTransitionReducesToTheFrameAndPreservesMarginals() {
        double s = 0.5;
        double t = 0.3;
        LambdaTransition zero = CLD.lambdaTransition(t, s, 0.0);
        double[] expected = Mat2.mul(CLD.frame(t), Mat2.inverse(CLD.frame(s)));
        for (int j = 0; j < 4; j++) {
            assertEquals(expected[j], zero.psiHat()[j], 1e-9 * (1 + Math.abs(expected[j])), "lambda = 0: R_t R_s^{-1}");
            assertEquals(0.0, zero.covariance()[j], 0.0);
        }
        for (double lambda : new double[] {0.5, 1.0}) {
            for (double[] ts : new double[][] {{0.3, 0.5}, {1e-3, 0.01}, {0.05, 0.2}}) {
                LambdaTransition tr = CLD.lambdaTransition(ts[0], ts[1], lambda);
                double[] h = tr.psiHat();
                double[] marginal = Mat2.add(CLD.covariance(ts[0]),
                        Mat2.scale(Mat2.mul(Mat2.mul(h, CLD.covariance(ts[1])), Mat2.transpose(h)), -1));
                double[] p = tr.covariance();
                for (int j = 0; j < 4; j++) {
                    assertEquals(marginal[j], p[j], 1e-8 * CLD.covariance(ts[0])[3], "P = Sigma_t - psiHat Sigma_s psiHat^T");
                }
                assertTrue(p[0] >= 0 && p[3] >= 0 && Mat2.det(p) >= -1e-15, "P is PSD: " + java.util.Arrays.toString(p));
            }
        }
    }
}
