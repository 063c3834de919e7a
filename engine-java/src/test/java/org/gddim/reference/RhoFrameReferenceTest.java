package org.gddim.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.gddim.model.DataShape;
import org.gddim.model.GaussianMixture;
import org.gddim.model.GmmScore;
import org.gddim.process.DdpmBetas;
import org.gddim.process.DiscreteVp;
import org.gddim.process.Edm;
import org.gddim.process.ScalarProcess;
import org.gddim.process.Ve;
import org.gddim.process.Vp;
import org.gddim.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The rho-frame reference against the Gaussian closed-form flow (as ProbabilityFlowReferenceTest), and against it. */
class RhoFrameReferenceTest {
    static List<ScalarProcess> processes() {
        return List.of(Vp.linear(), Ve.standard(), Edm.standard(), DiscreteVp.ddpm("ddpm", DdpmBetas.LINEAR, 0),
                DiscreteVp.of("ddpm-linear-interp", DdpmBetas.COSINE.betas(1000), DiscreteVp.Interpolation.LINEAR, 0));
    }

    @ParameterizedTest
    @MethodSource("processes")
    void matchesTheGaussianClosedForm(ScalarProcess p) {
        double[] m = {0.5, -1.0};
        double[] v = {0.09, 0.04};
        var gmm = GaussianMixture.diagonal(new double[] {1}, new double[][] {m}, new double[][] {v}, DataShape.of(2));
        double tMax = p.defaultTMax() * 0.95;
        double tMin = p.defaultTMin();
        double[] xT = {0.8 * p.priorStd(tMax), -0.3 * p.priorStd(tMax)};
        double[] got = new RhoFrameReference(p, new GmmScore(gmm, p), 1e-12).solveOne(xT, tMax, tMin);
        for (int i = 0; i < 2; i++) {
            double sT = Math.sqrt(p.alpha(tMax) * p.alpha(tMax) * v[i] + p.sigma(tMax) * p.sigma(tMax));
            double sMin = Math.sqrt(p.alpha(tMin) * p.alpha(tMin) * v[i] + p.sigma(tMin) * p.sigma(tMin));
            double expected = p.alpha(tMin) * m[i] + sMin / sT * (xT[i] - p.alpha(tMax) * m[i]);
            assertEquals(expected, got[i], 1e-9, p.name() + " element " + i);
        }
    }

    @Test
    void agreesWithTheTimeFormOnTheMixture() {
        Vp vp = Vp.linear();
        var score = new GmmScore(Fixtures.gmm8d(), vp);
        double[] x = Fixtures.normals(12, 4 * 8);
        double[] a = new ProbabilityFlowReference(vp, score, 1e-12).solve(x, 4, 1, 1e-3);
        double[] b = new RhoFrameReference(vp, score, 1e-12).solve(x, 4, 1, 1e-3);
        double diff = Fixtures.relativeRms(b, a);
        assertTrue(diff < 1e-9, "rho form vs t form: " + diff);
    }
}
