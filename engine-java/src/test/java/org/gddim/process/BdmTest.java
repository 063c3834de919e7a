package org.gddim.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** BDM closed forms (gddim-spec.md 4): published values, derivatives by central differences, identities. */
class BdmTest {
    private static final Bdm BDM = Bdm.forImages(32, 32);

    @Test
    void scheduleMatchesTheSpecValues() {
        // spec 4.2: d at t = 1 for the lowest nonzero frequency is 0.618 with sigmaBlurMax = 10 at 32 x 32
        double[] alpha = BDM.alpha(1.0);
        assertEquals(0.618, alpha[1] / BDM.a(1.0), 5e-4);
        assertEquals(alpha[1], alpha[32], 1e-15, "(0, 1) and (1, 0) share Lambda");
        assertEquals(BDM.a(1.0), alpha[0], 1e-15, "DC is never blurred");
        assertEquals(0.001, alpha[32 * 32 - 1] / BDM.a(1.0), 1e-6, "high frequencies hit the floor dMin");
        // spec 2.1 / 4.4: abar(0) = 0.999961, sampling starts at t(rho = 80) ~ 0.99598 with abar ~ 1.56e-4
        assertEquals(0.999961, BDM.a(0) * BDM.a(0), 1e-6);
        assertEquals(0.99598, BDM.defaultTMax(), 1e-5);
        assertEquals(1.56e-4, Math.pow(BDM.a(BDM.defaultTMax()), 2), 0.01e-4);
        assertEquals(80, BDM.rho(BDM.defaultTMax()), 1e-9);
        // the blur of each relative frequency is the same at 8 x 8
        Bdm small = Bdm.forImages(8, 8);
        assertEquals(alpha[1], small.alpha(1.0)[1], 1e-12);
    }

    @Test
    void driftDiffusionAndEpsWeightAreTheDerivatives() {
        Bdm bdm = Bdm.forImages(4, 6);
        for (double t : new double[] {1e-4, 0.1, 0.5, 0.9}) {
            double h = 1e-6;
            double[] up = bdm.alpha(t + h);
            double[] down = bdm.alpha(t - h);
            double[] f = bdm.drift(t);
            double[] g = bdm.diffusion(t);
            double s = bdm.sigma(t);
            double ds2 = (Math.pow(bdm.sigma(t + h), 2) - Math.pow(bdm.sigma(t - h), 2)) / (2 * h);
            for (int i = 0; i < f.length; i++) {
                double fd = (Math.log(up[i]) - Math.log(down[i])) / (2 * h);
                assertEquals(fd, f[i], 1e-7 * (1 + Math.abs(fd)), "d log alpha/dt at t = " + t + ", frequency " + i);
                assertEquals(ds2 - 2 * f[i] * s * s, g[i] * g[i], 1e-7 * (1 + ds2), "g^2 = d sigma^2/dt - 2 f sigma^2");
                assertTrue(g[i] * g[i] >= 0);
            }
            // spec 1.5's identity d/dr [Psi(t', r) R_r] = Psi(t', r) W_r at r = t
            double[] plus = bdm.transitionTimesFrame(0.05, t + h);
            double[] minus = bdm.transitionTimesFrame(0.05, t - h);
            double[] psi = bdm.transition(0.05, t);
            double[] w = bdm.epsWeight(t);
            for (int i = 0; i < w.length; i++) {
                double fd = (plus[i] - minus[i]) / (2 * h);
                assertEquals(psi[i] * w[i], fd, 1e-6 * (1 + Math.abs(fd)), "identity at t = " + t);
            }
        }
    }

    @Test
    void lambdaTransitionPreservesEveryFrequencysMarginal() {
        Bdm bdm = Bdm.forImages(4, 4);
        double s = 0.6;
        double t = 0.2;
        LambdaTransition zero = bdm.lambdaTransition(t, s, 0);
        for (int i = 0; i < 16; i++) {
            assertEquals(bdm.sigma(t) / bdm.sigma(s), zero.psiHat()[i], 1e-14);
            assertEquals(0, zero.covariance()[i], 0);
        }
        LambdaTransition one = bdm.lambdaTransition(t, s, 1.0);
        for (int i = 0; i < 16; i++) {
            double h = one.psiHat()[i];
            double want = Math.pow(bdm.sigma(t), 2) - h * h * Math.pow(bdm.sigma(s), 2);
            assertEquals(want, one.covariance()[i], 1e-14, "P = sigma_t^2 - psiHat^2 sigma_s^2");
        }
    }
}
