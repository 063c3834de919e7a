package org.gddim.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The discrete DDPM schedules: abar tables against numpy's float64 cumprod of the diffusers beta formulas, the
 * label/time convention of DPM-Solver's discrete schedule, both interpolations, the rho inverse and the
 * derivatives the reference ODE uses.
 */
class DiscreteVpTest {
    private static DiscreteVp with(DdpmBetas betas, DiscreteVp.Interpolation interpolation) {
        return DiscreteVp.of("test", betas.betas(1000), interpolation, 0);
    }

    @Test
    void tablesMatchNumpy() {
        DiscreteVp linear = (DiscreteVp) ProcessKind.DDPM_LINEAR.create();
        assertEquals(0.9999, linear.alphaBarAt(0), 1e-15);
        assertEquals(0.07858724288177824, linear.alphaBarAt(499), 1e-14);
        assertEquals(4.035829765375676e-05, linear.alphaBarAt(999), 1e-17);
        DiscreteVp sd = (DiscreteVp) ProcessKind.DDPM_SCALED_LINEAR.create();
        assertEquals(0.99915, sd.alphaBarAt(0), 1e-15);
        assertEquals(0.004660098513077238, sd.alphaBarAt(999), 1e-15);
        assertEquals(1, sd.stepsOffset());
        DiscreteVp cos = (DiscreteVp) ProcessKind.DDPM_COSINE.create();
        assertEquals(0.999958715775178, cos.alphaBarAt(0), 1e-14);
        assertEquals(0.49228517244880304, cos.alphaBarAt(500), 1e-13);
        assertEquals(2.4287669070348567e-09, cos.alphaBarAt(999), 1e-19);
    }

    @ParameterizedTest
    @EnumSource(DiscreteVp.Interpolation.class)
    void labelsSitAtTheirTimesAndInterpolationIsAsStated(DiscreteVp.Interpolation interpolation) {
        DiscreteVp p = with(DdpmBetas.LINEAR, interpolation);
        for (int k : new int[] {0, 1, 37, 500, 998, 999}) {
            double t = p.timeOf(k);
            assertEquals(k, p.timestep(t), 1e-9);
            assertEquals(Math.log(p.alphaBarAt(k)), 2 * p.logAlpha(t), 1e-13);
            assertEquals(Math.sqrt(1 - p.alphaBarAt(k)), p.sigma(t), 1e-13);
        }
        double a = p.alphaBarAt(40);
        double b = p.alphaBarAt(41);
        double mid = Math.exp(2 * p.logAlpha(p.timeOf(40.5)));
        assertEquals(interpolation == DiscreteVp.Interpolation.LINEAR ? (a + b) / 2 : Math.sqrt(a * b), mid, 1e-15);
        assertEquals(1.0, Math.exp(2 * p.logAlpha(0)), 0); // abar = 1 at t = 0 (the prepended zero beta)
    }

    @ParameterizedTest
    @EnumSource(DiscreteVp.Interpolation.class)
    void rhoInverseAndDerivativesAreConsistent(DiscreteVp.Interpolation interpolation) {
        SplittableRandom rng = new SplittableRandom(4);
        for (DdpmBetas betas : DdpmBetas.values()) {
            DiscreteVp p = with(betas, interpolation);
            for (int i = 0; i < 200; i++) {
                double t = rng.nextDouble(1e-4, 1);
                assertEquals(t, p.tOfRho(p.rho(t)), 1e-11, betas + " t=" + t);
                double x = Math.floor(t * 1000); // a point inside one segment, away from its knots
                double s = (x + 0.5) / 1000;
                double h = 1e-7;
                assertEquals((p.sigma(s + h) - p.sigma(s - h)) / (2 * h), p.dSigma(s), 1e-6 * (1 + Math.abs(p.dSigma(s))), betas + " dSigma");
                assertEquals((p.logAlpha(s + h) - p.logAlpha(s - h)) / (2 * h), p.dLogAlpha(s), 1e-6 * (1 + Math.abs(p.dLogAlpha(s))),
                        betas + " dLogAlpha");
            }
        }
    }

    @Test
    void badTablesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> DiscreteVp.of("x", new double[] {0.1, 1.5}, DiscreteVp.Interpolation.LINEAR, 0));
        assertThrows(IllegalArgumentException.class, () -> DiscreteVp.of("x", new double[] {0.1, 0.2}, DiscreteVp.Interpolation.LINEAR, -1));
    }
}
