package org.gddim.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Closed forms of the scalar processes: published values, identities, inverses and derivatives. */
class ScalarProcessTest {
    static List<ScalarProcess> processes() {
        return List.of(Vp.linear(), Vp.cosine(), Ve.standard(), Edm.standard());
    }

    @Test
    void linearVpMatchesTheSpecValues() {
        Vp vp = Vp.linear();
        // gddim-spec.md 2.1: abar(1) = exp(-10.05) ~ 4.3e-5, rho(1) ~ 152, rho(1e-3) ~ 0.0105
        assertEquals(Math.exp(-10.05), Math.exp(2 * vp.logAlpha(1.0)), 1e-18);
        assertEquals(152.0, vp.rho(1.0), 0.5);
        assertEquals(0.0105, vp.rho(1e-3), 1e-4);
        for (double t : new double[] {1e-6, 1e-3, 0.1, 0.5, 1.0}) {
            assertEquals(1.0, vp.alpha(t) * vp.alpha(t) + vp.sigma(t) * vp.sigma(t), 1e-15, "a^2 + sigma^2 at " + t);
            assertEquals(vp.sigma(t) / vp.alpha(t), vp.rho(t), 1e-13 * vp.rho(t), "rho at " + t);
        }
        // near t = 0: sigma^2 = 1 - abar ~ betaMin t, computed without cancellation
        assertEquals(Math.sqrt(-Math.expm1(-0.1e-9 - 0.5 * 19.9e-18)), vp.sigma(1e-9), 1e-20);
    }

    @Test
    void cosineVpStartsAtAbarOneAndUsesDpmSolverEndTime() {
        Vp vp = Vp.cosine();
        assertEquals(0.0, vp.logAlpha(0.0), 1e-15);
        assertEquals(0.9946, vp.defaultTMax());
        double abarT = Math.exp(2 * vp.logAlpha(0.9946));
        assertEquals(7.1e-5, abarT, 0.3e-5);
    }

    @ParameterizedTest
    @MethodSource("processes")
    void rhoInverseRoundTrips(ScalarProcess p) {
        for (double f : new double[] {1e-4, 0.01, 0.3, 0.7, 0.999}) {
            double t = p.defaultTMin() + f * (p.defaultTMax() - p.defaultTMin());
            assertEquals(t, p.tOfRho(p.rho(t)), 1e-11 * t, p.name() + " at t = " + t);
        }
    }

    @ParameterizedTest
    @MethodSource("processes")
    void derivativesMatchCentralDifferences(ScalarProcess p) {
        for (double f : new double[] {0.01, 0.3, 0.9}) {
            double t = p.defaultTMin() + f * (p.defaultTMax() - p.defaultTMin());
            double h = 1e-5 * t;
            double dLogA = (p.logAlpha(t + h) - p.logAlpha(t - h)) / (2 * h);
            double dSigma = (p.sigma(t + h) - p.sigma(t - h)) / (2 * h);
            assertEquals(dLogA, p.dLogAlpha(t), 1e-7 * (1 + Math.abs(dLogA)), p.name() + " d log a at " + t);
            assertEquals(dSigma, p.dSigma(t), 1e-7 * (1 + Math.abs(dSigma)), p.name() + " d sigma at " + t);
        }
    }

    @ParameterizedTest
    @MethodSource("processes")
    void transitionIsASemigroupAndPhiAtTIsTheFrame(ScalarProcess p) {
        double t = 0.3 * p.defaultTMax();
        double r = 0.6 * p.defaultTMax();
        double s = 0.9 * p.defaultTMax();
        double tr = p.transition(t, r)[0];
        double rs = p.transition(r, s)[0];
        assertEquals(p.transition(t, s)[0], tr * rs, 1e-14 * Math.abs(tr * rs));
        assertEquals(p.sigma(t), p.transitionTimesFrame(t, t)[0], 1e-14 * p.sigma(t));
        assertEquals(tr * p.sigma(r), p.transitionTimesFrame(t, r)[0], 1e-13 * tr * p.sigma(r));
    }

    @ParameterizedTest
    @MethodSource("processes")
    void flowWeightIsHalfGSquaredOverSigma(ScalarProcess p) {
        // g^2 = d sigma^2/dt - 2 f sigma^2 (gddim-spec 4.3 form), and the eps weight is g^2 / (2 sigma)
        double t = 0.4 * p.defaultTMax();
        double g2 = 2 * p.sigma(t) * p.dSigma(t) - 2 * p.dLogAlpha(t) * p.sigma(t) * p.sigma(t);
        assertEquals(g2 / (2 * p.sigma(t)), p.flowEpsWeight(t), 1e-12 * Math.abs(p.flowEpsWeight(t)));
    }
}
