package org.gddim.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.gddim.model.DataShape;
import org.gddim.model.GaussianMixture;
import org.gddim.model.GmmScore;
import org.gddim.process.Edm;
import org.gddim.process.ScalarProcess;
import org.gddim.process.Ve;
import org.gddim.process.Vp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The reference integrator against the closed-form flow of Gaussian data (gddim-spec.md 8.1): for data
 * N(m, S) with S = U diag(lambda) U^T, each eigen-coordinate moves as
 * {@code y(t) = a_t m_y + sqrt(a_t^2 lambda + sigma_t^2) / sqrt(a_T^2 lambda + sigma_T^2) (y(T) - a_T m_y)}.
 */
class ProbabilityFlowReferenceTest {
    static List<ScalarProcess> processes() {
        return List.of(Vp.linear(), Vp.cosine(), Ve.standard(), Edm.standard());
    }

    @ParameterizedTest
    @MethodSource("processes")
    void matchesTheGaussianClosedForm(ScalarProcess p) {
        double[] m = {0.5, -1.0};
        double[][] cov = {{0.09, 0.03}, {0.03, 0.04}};
        var gmm = GaussianMixture.full(new double[] {1}, new double[][] {m}, new double[][][] {cov}, DataShape.of(2));
        var ref = new ProbabilityFlowReference(p, new GmmScore(gmm, p), 1e-12);
        double tMax = p.defaultTMax();
        double tMin = p.defaultTMin();
        double[] xT = {0.8 * p.priorStd(tMax), -0.3 * p.priorStd(tMax)};
        double[] got = ref.solveOne(xT, tMax, tMin);
        double[][] u = gmm.bases()[0];
        double[] lambda = gmm.eigenvalues()[0];
        for (int i = 0; i < 2; i++) {
            double expected = 0;
            for (int j = 0; j < 2; j++) { // x = sum_j U[i][j] y_j
                double yT = u[0][j] * xT[0] + u[1][j] * xT[1];
                double my = u[0][j] * m[0] + u[1][j] * m[1];
                double sT = Math.sqrt(p.alpha(tMax) * p.alpha(tMax) * lambda[j] + p.sigma(tMax) * p.sigma(tMax));
                double sMin = Math.sqrt(p.alpha(tMin) * p.alpha(tMin) * lambda[j] + p.sigma(tMin) * p.sigma(tMin));
                double y = p.alpha(tMin) * my + sMin / sT * (yT - p.alpha(tMax) * my);
                expected += u[i][j] * y;
            }
            assertEquals(expected, got[i], 1e-9, p.name() + " element " + i);
        }
    }
}
